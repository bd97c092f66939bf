import { constants, crc32, deflateRawSync } from 'node:zlib'

const LOCAL_HEADER = 0x04034b50
const DATA_DESCRIPTOR = 0x08074b50
const CENTRAL_HEADER = 0x02014b50
const END = 0x06054b50
const END64 = 0x06064b50
const END64_LOCATOR = 0x07064b50
const MAX32 = 0xffffffff
const MAX16 = 0xffff
/** Bit 3: CRC and sizes follow the data (it streams); bit 11: names are UTF-8. */
const FLAGS = 0x0808
const DEFLATE = 8
/** The deflate stream's last block: an empty final block with fixed codes. */
const FINAL_BLOCK = Uint8Array.of(0x03, 0x00)

interface Entry {
  name: Buffer
  offset: number
  crc: number
  compressed: number
  size: number
}

/** Where the archive's bytes go, one chunk at a time (each awaited: the backpressure). */
export type ZipOutput = (chunk: Uint8Array) => Promise<void>

/**
 * A .zip written as it streams, one entry after another, never held whole: each entry's bytes are
 * deflated as they come (every chunk compressed on its own and sync-flushed, so the chunks join
 * into one deflate stream), its CRC-32 and sizes written after it in a data descriptor, and the
 * central directory at the end. ZIP64 records are added only when sizes or offsets pass 4 GiB.
 */
export class ZipArchive {
  private readonly entries: Entry[] = []
  private current: Entry | null = null
  private offset = 0
  private readonly time: number
  private readonly date: number

  constructor(
    private readonly output: ZipOutput,
    private readonly level = 6,
    now = new Date(),
  ) {
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1)
    this.date = (Math.max(now.getFullYear() - 1980, 0) << 9) | ((now.getMonth() + 1) << 5) | now.getDate()
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset
  }

  /** Starts an entry (the previous one must be ended). */
  async begin(name: string): Promise<void> {
    if (this.current) throw new Error('zip: an entry is still open')
    const entry: Entry = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressed: 0, size: 0 }
    const header = Buffer.alloc(30)
    header.writeUInt32LE(LOCAL_HEADER, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(FLAGS, 6)
    header.writeUInt16LE(DEFLATE, 8)
    header.writeUInt16LE(this.time, 10)
    header.writeUInt16LE(this.date, 12)
    // CRC and sizes (14–25) stay 0: they follow in the data descriptor.
    header.writeUInt16LE(entry.name.length, 26)
    await this.emit(Buffer.concat([header, entry.name]))
    this.current = entry
  }

  /** Adds bytes (text as UTF-8) to the open entry. */
  async write(data: string | Uint8Array): Promise<void> {
    const entry = this.current
    if (!entry) throw new Error('zip: no entry is open')
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    if (bytes.length === 0) return
    entry.crc = crc32(bytes, entry.crc)
    entry.size += bytes.length
    const packed = deflateRawSync(bytes, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH })
    entry.compressed += packed.length
    await this.emit(packed)
  }

  /** Ends the open entry: its last deflate block, then its CRC and sizes. */
  async end(): Promise<void> {
    const entry = this.current
    if (!entry) return
    entry.compressed += FINAL_BLOCK.length
    await this.emit(FINAL_BLOCK)
    const wide = entry.size >= MAX32 || entry.compressed >= MAX32
    const descriptor = Buffer.alloc(wide ? 24 : 16)
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0)
    descriptor.writeUInt32LE(entry.crc, 4)
    if (wide) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressed), 8)
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16)
    } else {
      descriptor.writeUInt32LE(entry.compressed, 8)
      descriptor.writeUInt32LE(entry.size, 12)
    }
    await this.emit(descriptor)
    this.entries.push(entry)
    this.current = null
  }

  /** Ends the open entry, then writes the central directory and its end record. */
  async finish(): Promise<void> {
    await this.end()
    const start = this.offset
    for (const entry of this.entries) await this.emit(centralHeader(entry, this.time, this.date))
    const size = this.offset - start
    const count = this.entries.length
    if (count >= MAX16 || start >= MAX32 || size >= MAX32) {
      const end64At = this.offset
      const end64 = Buffer.alloc(56)
      end64.writeUInt32LE(END64, 0)
      end64.writeBigUInt64LE(44n, 4)
      end64.writeUInt16LE(45, 12)
      end64.writeUInt16LE(45, 14)
      end64.writeBigUInt64LE(BigInt(count), 24)
      end64.writeBigUInt64LE(BigInt(count), 32)
      end64.writeBigUInt64LE(BigInt(size), 40)
      end64.writeBigUInt64LE(BigInt(start), 48)
      const locator = Buffer.alloc(20)
      locator.writeUInt32LE(END64_LOCATOR, 0)
      locator.writeBigUInt64LE(BigInt(end64At), 8)
      locator.writeUInt32LE(1, 16)
      await this.emit(Buffer.concat([end64, locator]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(END, 0)
    end.writeUInt16LE(Math.min(count, MAX16), 8)
    end.writeUInt16LE(Math.min(count, MAX16), 10)
    end.writeUInt32LE(Math.min(size, MAX32), 12)
    end.writeUInt32LE(Math.min(start, MAX32), 16)
    await this.emit(end)
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.length
    await this.output(chunk)
  }
}

/** An entry's central directory record; sizes or offset past 4 GiB go in a ZIP64 extra field. */
function centralHeader(entry: Entry, time: number, date: number): Buffer {
  const wide = [entry.size, entry.compressed, entry.offset].map((n) => n >= MAX32)
  const extra = Buffer.alloc(wide.some(Boolean) ? 4 + 8 * wide.filter(Boolean).length : 0)
  if (extra.length > 0) {
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(extra.length - 4, 2)
    let at = 4
    for (const [i, value] of [entry.size, entry.compressed, entry.offset].entries()) {
      if (!wide[i]) continue
      extra.writeBigUInt64LE(BigInt(value), at)
      at += 8
    }
  }
  const header = Buffer.alloc(46)
  header.writeUInt32LE(CENTRAL_HEADER, 0)
  header.writeUInt16LE(45, 4)
  header.writeUInt16LE(extra.length > 0 ? 45 : 20, 6)
  header.writeUInt16LE(FLAGS, 8)
  header.writeUInt16LE(DEFLATE, 10)
  header.writeUInt16LE(time, 12)
  header.writeUInt16LE(date, 14)
  header.writeUInt32LE(entry.crc, 16)
  header.writeUInt32LE(Math.min(entry.compressed, MAX32), 20)
  header.writeUInt32LE(Math.min(entry.size, MAX32), 24)
  header.writeUInt16LE(entry.name.length, 28)
  header.writeUInt16LE(extra.length, 30)
  header.writeUInt32LE(Math.min(entry.offset, MAX32), 42)
  return Buffer.concat([header, entry.name, extra])
}
