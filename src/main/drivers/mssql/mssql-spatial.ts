/**
 * geography and geometry values as WKT, read from SQL Server's own serialization (MS-SSCLRT):
 * SRID, version, flags, points, figures, shapes. Printed the way STAsText() prints them
 * (`POINT (1 2)`, `POLYGON ((0 0, 1 0, 1 1, 0 0))`); geography points are (longitude latitude).
 * The SRID is not part of WKT and is left out, as STAsText() does. Values this reader does not
 * know (compound curves, corrupt bytes) return null and are shown as their bytes instead.
 */

const FLAG = { z: 0x01, m: 0x02, singlePoint: 0x08, singleLine: 0x10, wholeGlobe: 0x20 }
const SHAPE_NAMES = [
  '',
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
  'CIRCULARSTRING',
  'COMPOUNDCURVE',
  'CURVEPOLYGON',
  'FULLGLOBE',
]
/** Figure attribute of a compound curve (v2), whose parts need the segment list: not read here. */
const COMPOSITE_CURVE = 3

interface Parsed {
  points: string[]
  figures: number[]
  shapes: { parent: number; figure: number; type: number }[]
}

const number = (value: number): string => (Object.is(value, -0) ? '0' : String(value))

function parse(buf: Buffer, geography: boolean): Parsed | null {
  const flags = buf[5]!
  const hasZ = (flags & FLAG.z) !== 0
  const hasM = (flags & FLAG.m) !== 0
  let at = 6
  let count: number
  if (flags & FLAG.singlePoint) count = 1
  else if (flags & FLAG.singleLine) count = 2
  else {
    count = buf.readUInt32LE(at)
    at += 4
  }
  const xy: [number, number][] = []
  for (let i = 0; i < count; i++, at += 16) {
    const a = buf.readDoubleLE(at)
    const b = buf.readDoubleLE(at + 8)
    xy.push(geography ? [b, a] : [a, b]) // geography stores latitude first; WKT has longitude first
  }
  const z: (number | null)[] = []
  const m: (number | null)[] = []
  for (let i = 0; i < count && hasZ; i++, at += 8) z.push(buf.readDoubleLE(at))
  for (let i = 0; i < count && hasM; i++, at += 8) m.push(buf.readDoubleLE(at))
  const points = xy.map(([x, y], i) => {
    const parts = [number(x), number(y)]
    const zi = z[i]
    const mi = m[i]
    if (hasZ || hasM) parts.push(zi === null || zi === undefined || Number.isNaN(zi) ? 'NULL' : number(zi))
    if (hasM) parts.push(mi === null || mi === undefined || Number.isNaN(mi) ? 'NULL' : number(mi))
    return parts.join(' ')
  })
  if (flags & (FLAG.singlePoint | FLAG.singleLine)) {
    return { points, figures: [0], shapes: [{ parent: -1, figure: 0, type: count === 1 ? 1 : 2 }] }
  }
  const figureCount = buf.readUInt32LE(at)
  at += 4
  const figures: number[] = []
  for (let i = 0; i < figureCount; i++, at += 5) {
    if (buf[at] === COMPOSITE_CURVE) return null
    figures.push(buf.readInt32LE(at + 1))
  }
  const shapeCount = buf.readUInt32LE(at)
  at += 4
  const shapes: Parsed['shapes'] = []
  for (let i = 0; i < shapeCount; i++, at += 9) {
    shapes.push({ parent: buf.readInt32LE(at), figure: buf.readInt32LE(at + 4), type: buf[at + 8]! })
  }
  return { points, figures, shapes }
}

function write(parsed: Parsed, index: number): string | null {
  const { points, figures, shapes } = parsed
  const shape = shapes[index]!
  const name = SHAPE_NAMES[shape.type]
  if (!name || shape.type === 9) return null
  if (shape.type === 11) return 'FULLGLOBE'
  const children = shapes.flatMap((s, i) => (s.parent === index ? [i] : []))
  if (shape.type === 4 || shape.type === 5 || shape.type === 6 || shape.type === 7) {
    if (children.length === 0) return `${name} EMPTY`
    const parts = children.map((child) => write(parsed, child))
    if (parts.some((part) => part === null)) return null
    // Members of a MULTI* print without their own type name.
    const body = shape.type === 7 ? parts : parts.map((part) => part!.slice(part!.indexOf(' ') + 1))
    return `${name} (${body.join(', ')})`
  }
  if (shape.figure < 0) return `${name} EMPTY`
  const nextShape = shapes.slice(index + 1).find((s) => s.figure >= 0)
  const lastFigure = nextShape ? nextShape.figure : figures.length
  const rings: string[] = []
  for (let f = shape.figure; f < lastFigure; f++) {
    const end = f + 1 < figures.length ? figures[f + 1]! : points.length
    rings.push(points.slice(figures[f]!, end).join(', '))
  }
  if (shape.type === 1) return `${name} (${rings[0]})`
  if (shape.type === 2 || shape.type === 8) return `${name} (${rings[0]})`
  return `${name} (${rings.map((ring) => `(${ring})`).join(', ')})`
}

/** The WKT of a geography or geometry value, or null when it cannot be read here. */
export function spatialText(buf: Buffer, geography = isGeography(buf)): string | null {
  try {
    if (buf.length < 6) return null
    const version = buf[4]
    if (version !== 1 && version !== 2) return null
    if ((buf[5]! & FLAG.wholeGlobe) !== 0) return 'FULLGLOBE'
    const parsed = parse(buf, geography)
    if (!parsed || parsed.shapes.length === 0) return null
    return write(parsed, 0)
  } catch {
    return null // truncated or corrupt: shown as bytes
  }
}

/**
 * Whether a value is geography rather than geometry. Both serialize alike; the column's type says
 * which, and the caller passes it. This default only guesses from the SRID (geography's are EPSG
 * geographic ones, 4120–4999; geometry's are usually 0).
 */
function isGeography(buf: Buffer): boolean {
  const srid = buf.readInt32LE(0)
  return srid >= 4120 && srid <= 4999
}
