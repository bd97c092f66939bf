/** Text and hex inside row batches: UTF-8 where it is exact, UTF-16LE for strings with lone surrogates. */

const encoder = new TextEncoder()
// Not fatal: invalid UTF-8 (only from a malformed batch) reads as U+FFFD rather than throwing mid-render.
// ignoreBOM: a value that starts with U+FEFF keeps it (by default the decoder drops it as a byte order mark).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const wellFormed = (s: string): boolean => (nativeWellFormed ? nativeWellFormed.call(s) : !LONE_SURROGATE.test(s))

/** Strings up to this length are encoded and decoded by hand: cheaper than a TextEncoder call. */
const SHORT = 32

/**
 * Writes `s` as UTF-8 into `out` from `pos` (the caller leaves room for s.length * 3 bytes) and
 * returns where it ended, or -1 when `s` holds a lone surrogate (UTF-8 cannot carry it exactly).
 */
export function writeUtf8(s: string, out: Uint8Array, pos: number): number {
  const n = s.length
  if (n > SHORT) {
    if (!wellFormed(s)) return -1
    return pos + encoder.encodeInto(s, out.subarray(pos)).written
  }
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i)
    if (c < 0x80) {
      out[pos++] = c
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6)
      out[pos++] = 0x80 | (c & 63)
    } else if (c < 0xd800 || c > 0xdfff) {
      out[pos++] = 0xe0 | (c >> 12)
      out[pos++] = 0x80 | ((c >> 6) & 63)
      out[pos++] = 0x80 | (c & 63)
    } else {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return -1
      i++
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
      out[pos++] = 0xf0 | (c >> 18)
      out[pos++] = 0x80 | ((c >> 12) & 63)
      out[pos++] = 0x80 | ((c >> 6) & 63)
      out[pos++] = 0x80 | (c & 63)
    }
  }
  return pos
}

/** Writes `s` as UTF-16LE code units into `out` from `pos` (room for s.length * 2); returns the end. */
export function writeUtf16(s: string, out: Uint8Array, pos: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out[pos++] = c & 0xff
    out[pos++] = c >> 8
  }
  return pos
}

type Utf8Decoder = (bytes: Uint8Array, start: number, end: number) => string

let longDecoder: Utf8Decoder = (bytes, start, end) => decoder.decode(bytes.subarray(start, end))

/** Node code may install a faster decoder for long text (e.g. Buffer's utf8Slice); pure code uses TextDecoder. */
export function setUtf8Decoder(decode: Utf8Decoder): void {
  longDecoder = decode
}

/** Text up to this many bytes is decoded by hand: below it a TextDecoder call costs more (measured). */
const SHORT_READ = 12

/** The UTF-8 text in bytes[start, end). */
export function readUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_READ) {
    let s = ''
    for (let i = start; i < end; i++) {
      const c = bytes[i]!
      if (c >= 0x80) return longDecoder(bytes, start, end)
      s += String.fromCharCode(c)
    }
    return s
  }
  return longDecoder(bytes, start, end)
}

/** The UTF-16LE text in bytes[start, end). */
export function readUtf16(bytes: Uint8Array, start: number, end: number): string {
  let s = ''
  for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8))
  return s
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef')
const ascii = new TextDecoder('latin1')

/** bytes[start, end) as lowercase hex (long values through one byte buffer, not a string per byte). */
export function hexOf(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT) {
    let s = ''
    for (let i = start; i < end; i++) s += HEX[bytes[i]!]
    return s
  }
  const out = new Uint8Array((end - start) * 2)
  for (let i = start, o = 0; i < end; i++) {
    out[o++] = HEX_DIGITS[bytes[i]! >> 4]!
    out[o++] = HEX_DIGITS[bytes[i]! & 15]!
  }
  return ascii.decode(out)
}

const nibble = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1

/** Writes the bytes of `hex` into `out` from `pos`; returns the end, or -1 when it is not hex. */
export function writeHex(hex: string, out: Uint8Array, pos: number): number {
  if (hex.length % 2 !== 0) return -1
  for (let i = 0; i < hex.length; i += 2) {
    const hi = nibble(hex.charCodeAt(i))
    const lo = nibble(hex.charCodeAt(i + 1))
    if (hi < 0 || lo < 0) return -1
    out[pos++] = (hi << 4) | lo
  }
  return pos
}
