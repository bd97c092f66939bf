import { RowBatchError } from './row-batch'

/**
 * A small LZ77 block codec (the LZ4 block layout) for packed row-batch columns (row-batch.ts,
 * KIND_PACKED). Byte-exact; no entropy stage: it is meant to be cheap to run on every batch.
 *
 * A block is a run of sequences. Each sequence: a token byte (high nibble: literal count, low
 * nibble: match length − 4; 15 in a nibble means more bytes follow, each added, until one under
 * 255), the literal bytes, then a u16 little-endian offset (1…65535) back into the output and the
 * match's extra length bytes. The last sequence has literals only (its token's low nibble is 0 and
 * no offset follows). An empty input is an empty block.
 */

const HASH_BITS = 14
const MIN_MATCH = 4
const MAX_OFFSET = 0xffff
/** Inputs shorter than this are not worth a match search. */
const MIN_INPUT = 16
/** Input bytes between checks that the block is on course to fit its limit. */
const CHECK_EVERY = 4096
/** Output allowed over course at a check: the start of a block, before it has history, compresses least. */
const SLACK = 8192

const table = new Int32Array(1 << HASH_BITS)
let scratch = new Uint8Array(1 << 16)

const read32 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)

/** Writes a nibble's overflow `n` (≥ 15 already taken) as 255-bytes then the rest; returns the end. */
function writeLength(out: Uint8Array, pos: number, n: number): number {
  while (n >= 255) {
    out[pos++] = 255
    n -= 255
  }
  out[pos++] = n
  return pos
}

/**
 * Compresses src[start, end). Returns the block, or null when it would be larger than `limit`
 * bytes (the search gives up as soon as it passes the limit, so incompressible data costs little).
 */
export function compressBlock(src: Uint8Array, start: number, end: number, limit = Infinity): Uint8Array | null {
  const n = end - start
  const bound = n + Math.ceil(n / 255) + 16
  if (scratch.length < bound) scratch = new Uint8Array(Math.max(bound, scratch.length * 2))
  const out = scratch
  const stop = Math.min(limit, bound)
  let op = 0
  let anchor = start
  if (n >= MIN_INPUT) {
    table.fill(0)
    // Matches stay 5 bytes clear of the end so the reads ahead stay inside the input.
    const last = end - MIN_MATCH - 1
    // Beyond this share of the input's size the block is off course for its limit: give up early
    // (data with short chance matches, like hex digits, would otherwise cost a full search).
    const share = Math.min(1, stop / n)
    let check = start + CHECK_EVERY
    let ip = start
    while (ip < last) {
      if (ip >= check) {
        if (op + (ip - anchor) > (ip - start) * share + SLACK) return null
        check = ip + CHECK_EVERY
      }
      const seq = read32(src, ip)
      const h = Math.imul(seq, -1640531535) >>> (32 - HASH_BITS)
      const ref = table[h]! - 1
      table[h] = ip + 1
      if (ref < start || ip - ref > MAX_OFFSET || read32(src, ref) !== seq) {
        // Skip faster through data that keeps missing (incompressible input costs little).
        ip += 1 + ((ip - anchor) >> 6)
        continue
      }
      let length = MIN_MATCH
      while (ip + length < end && src[ref + length] === src[ip + length]) length++
      const literals = ip - anchor
      if (op + literals + 8 + (literals >> 8) + (length >> 8) > stop) return null
      const token = op++
      out[token] = (literals >= 15 ? 15 : literals) << 4
      if (literals >= 15) op = writeLength(out, op, literals - 15)
      for (let i = anchor; i < ip; i++) out[op++] = src[i]!
      const offset = ip - ref
      out[op++] = offset & 0xff
      out[op++] = offset >> 8
      const extra = length - MIN_MATCH
      out[token] |= extra >= 15 ? 15 : extra
      if (extra >= 15) op = writeLength(out, op, extra - 15)
      ip += length
      anchor = ip
      // Index a position inside the match so a repeat of its tail is found too.
      if (ip - 2 < last) table[Math.imul(read32(src, ip - 2), -1640531535) >>> (32 - HASH_BITS)] = ip - 2 + 1
    }
  }
  const literals = end - anchor
  if (n === 0) return new Uint8Array(0)
  if (op + 1 + literals + (literals >> 8) + 1 > stop) return null
  const token = op++
  out[token] = (literals >= 15 ? 15 : literals) << 4
  if (literals >= 15) op = writeLength(out, op, literals - 15)
  out.set(src.subarray(anchor, end), op)
  op += literals
  return out.slice(0, op)
}

const fail = (what: string, at: number): never => {
  throw new RowBatchError(`packed block: ${what} at byte ${at}`)
}

/**
 * Decompresses the block src[start, end) into a new buffer of exactly `size` bytes. Throws
 * RowBatchError when the block is malformed (an offset before the output, a length past either
 * end, or an output of another size); never reads or writes out of bounds.
 */
export function decompressBlock(src: Uint8Array, start: number, end: number, size: number): Uint8Array {
  const out = new Uint8Array(size)
  let ip = start
  let op = 0
  while (ip < end) {
    const token = src[ip++]!
    let literals = token >> 4
    if (literals === 15) {
      let more = 255
      while (more === 255) {
        if (ip >= end) fail('literal length runs past the block', ip - start)
        more = src[ip++]!
        literals += more
      }
    }
    if (ip + literals > end || op + literals > size) fail('literals run past the end', ip - start)
    if (literals < 32) for (let i = 0; i < literals; i++) out[op++] = src[ip++]!
    else {
      out.set(src.subarray(ip, ip + literals), op)
      ip += literals
      op += literals
    }
    if (ip === end) break
    if (ip + 2 > end) fail('offset runs past the block', ip - start)
    const offset = src[ip]! | (src[ip + 1]! << 8)
    ip += 2
    if (offset === 0 || offset > op) fail(`offset ${offset} before the output`, ip - start)
    let length = (token & 15) + MIN_MATCH
    if ((token & 15) === 15) {
      let more = 255
      while (more === 255) {
        if (ip >= end) fail('match length runs past the block', ip - start)
        more = src[ip++]!
        length += more
      }
    }
    if (op + length > size) fail('match runs past the output', ip - start)
    let ref = op - offset
    if (offset >= length && length >= 32) {
      out.copyWithin(op, ref, ref + length)
      op += length
    } else for (let i = 0; i < length; i++) out[op++] = out[ref++]!
  }
  if (op !== size) fail(`output of ${op} bytes, expected ${size}`, ip - start)
  return out
}
