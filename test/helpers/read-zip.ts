import { crc32, inflateRawSync } from 'node:zlib'

/** One file of a .zip, as read back. */
export interface ZipFile {
  name: string
  data: Buffer
}

/**
 * Reads a whole .zip the way unzip tools do: from the end record to the central directory, then
 * each entry's data at its local header, inflated (method 8) or stored (0), its CRC-32 checked.
 * ZIP64 sizes and offsets are read from the extra field. For tests: throws on anything malformed.
 */
export function readZip(zip: Buffer): ZipFile[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (endAt < 0) throw new Error('zip: no end of central directory')
  let count = zip.readUInt16LE(endAt + 10)
  let at = zip.readUInt32LE(endAt + 16)
  if (at === 0xffffffff || count === 0xffff) {
    const end64At = Number(zip.readBigUInt64LE(endAt - 20 + 8))
    count = Number(zip.readBigUInt64LE(end64At + 32))
    at = Number(zip.readBigUInt64LE(end64At + 48))
  }
  const files: ZipFile[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: no central header at ${at}`)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    let compressed = zip.readUInt32LE(at + 20)
    let size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    let offset = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
    for (let e = 0; e < extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) !== 0x0001) continue
      let field = e + 4
      const next = () => Number(extra.readBigUInt64LE((field += 8) - 8))
      if (size === 0xffffffff) size = next()
      if (compressed === 0xffffffff) compressed = next()
      if (offset === 0xffffffff) offset = next()
    }
    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`zip: no local header for ${name}`)
    const dataAt = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28)
    const raw = zip.subarray(dataAt, dataAt + compressed)
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null
    if (!data) throw new Error(`zip: ${name} uses method ${method}`)
    if (data.length !== size) throw new Error(`zip: ${name} is ${data.length} bytes, its header says ${size}`)
    if (crc32(data) !== crc) throw new Error(`zip: ${name} fails its CRC-32`)
    files.push({ name, data })
    at += 46 + nameLength + extraLength + commentLength
  }
  return files
}
