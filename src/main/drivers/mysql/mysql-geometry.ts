const NAMES = [
  '',
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
]

/** Reads one WKB geometry at a time; each geometry says its own byte order. */
class WkbReader {
  private littleEndian = true

  constructor(
    private readonly buf: Buffer,
    private offset: number,
    private readonly end: number,
  ) {}

  geometry(): string {
    const type = this.header()
    const name = NAMES[type]
    if (!name) throw new RangeError(`Unsupported WKB geometry type ${type}`)
    if (type === 1) return `POINT(${this.point()})`
    const body = this.body(type)
    return body === '' ? `${name} EMPTY` : `${name}(${body})`
  }

  get done(): boolean {
    return this.offset === this.end
  }

  private body(type: number): string {
    switch (type) {
      case 2:
        return this.points()
      case 3:
        return this.rings()
      case 4:
        return this.list(() => this.member(() => this.point()))
      case 5:
        return this.list(() => this.member(() => `(${this.points()})`))
      case 6:
        return this.list(() => this.member(() => `(${this.rings()})`))
      default:
        return this.list(() => this.geometry())
    }
  }

  private header(): number {
    this.littleEndian = this.u8() === 1
    return this.u32()
  }

  /** A member of a MULTI* geometry: a whole WKB geometry of its own, header included. */
  private member(body: () => string): string {
    this.header()
    return body()
  }

  private list(item: () => string): string {
    const n = this.u32()
    const items: string[] = []
    for (let i = 0; i < n; i++) items.push(item())
    return items.join(',')
  }

  private points(): string {
    return this.list(() => this.point())
  }

  private rings(): string {
    return this.list(() => `(${this.points()})`)
  }

  private point(): string {
    return `${coordinate(this.f64())} ${coordinate(this.f64())}`
  }

  private u8(): number {
    this.need(1)
    return this.buf[this.offset++]!
  }

  private u32(): number {
    this.need(4)
    const value = this.littleEndian ? this.buf.readUInt32LE(this.offset) : this.buf.readUInt32BE(this.offset)
    this.offset += 4
    return value
  }

  private f64(): number {
    this.need(8)
    const value = this.littleEndian ? this.buf.readDoubleLE(this.offset) : this.buf.readDoubleBE(this.offset)
    this.offset += 8
    return value
  }

  private need(n: number): void {
    if (this.offset + n > this.end) throw new RangeError('Truncated WKB geometry')
  }
}

/** Shortest text that reads back as the same double, without JS's `e+` (MySQL writes 1e21). */
const coordinate = (value: number): string => (Object.is(value, -0) ? '-0' : String(value).replace('e+', 'e'))

/**
 * A MySQL geometry value (4-byte little-endian SRID, then WKB) as WKT, the way ST_AsText shows it;
 * a non-zero SRID is kept as an EWKT prefix (`SRID=4326;POINT(1 2)`). Throws on malformed input.
 */
export function geometryToWkt(buf: Buffer, start: number, end: number): string {
  if (end - start < 5) throw new RangeError('Truncated geometry value')
  const srid = buf.readUInt32LE(start)
  const reader = new WkbReader(buf, start + 4, end)
  const wkt = reader.geometry()
  if (!reader.done) throw new RangeError('Trailing bytes after WKB geometry')
  return srid === 0 ? wkt : `SRID=${srid};${wkt}`
}
