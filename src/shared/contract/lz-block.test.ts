import { describe, expect, it } from 'vitest'
import { compressBlock, decompressBlock } from './lz-block'
import { RowBatchError } from './row-batch'

/** xorshift32: seeded, so a failure replays. */
function random(seed: number): () => number {
  let x = seed * 2654435761 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text)
const noise = (n: number, seed: number): Uint8Array => {
  const next = random(seed)
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256))
}

/** Byte equality by a plain loop (toEqual on megabyte arrays is slow). */
const same = (x: Uint8Array, y: Uint8Array): boolean => {
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

const roundTrip = (input: Uint8Array): Uint8Array => {
  const block = compressBlock(input, 0, input.length)
  expect(block).not.toBeNull()
  return decompressBlock(block!, 0, block!.length, input.length)
}

describe('lz block codec', () => {
  it('round-trips empty, tiny, repetitive, overlapping and long inputs exactly', () => {
    const words = ['select', 'the', 'order', 'shipped', 'café', '日本', 'null', '']
    const next = random(3)
    const sentences = Array.from({ length: 4000 }, () => words[Math.floor(next() * words.length)]).join(' ')
    const inputs = [
      new Uint8Array(0),
      bytesOf('a'),
      bytesOf('abcdefghijklmno'), // under the size worth a search
      bytesOf('a'.repeat(100_000)), // one long overlapping match (offset 1), length bytes past 255
      bytesOf('abc'.repeat(5000)),
      bytesOf(sentences),
      noise(70_000, 1), // literal runs past 255 and past the 64 KiB window
      Uint8Array.from([...noise(300, 2), ...noise(300, 2), ...noise(300, 2)]), // long literals then matches
      bytesOf('x'.repeat(1 << 20) + 'y'), // a huge value
    ]
    inputs.forEach((input, i) => expect({ i, same: same(roundTrip(input), input) }).toEqual({ i, same: true }))
  })

  it('round-trips random mixes of noise and repeats (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed)
      const parts: number[] = []
      while (parts.length < 20_000 * next()) {
        const from = Math.floor(next() * parts.length)
        if (parts.length > 4 && next() < 0.6)
          for (let i = 0, n = 4 + Math.floor(next() * 300); i < n; i++) parts.push(parts[from + (i % 7)] ?? 0)
        else for (let i = 0, n = Math.floor(next() * 40); i < n; i++) parts.push(Math.floor(next() * 256))
      }
      const input = Uint8Array.from(parts)
      expect({ seed, same: same(roundTrip(input), input) }).toEqual({ seed, same: true })
    }
  })

  it('compresses text several times and reads a slice of a larger buffer', () => {
    const text = bytesOf(Array.from({ length: 2000 }, (_, i) => `{"cart":${i % 17},"tags":["a${i % 5}"]}`).join(''))
    const framed = new Uint8Array(text.length + 10)
    framed.set(text, 5)
    const block = compressBlock(framed, 5, 5 + text.length)!
    expect(block.length).toBeLessThan(text.length / 4)
    const inBuffer = new Uint8Array(block.length + 3)
    inBuffer.set(block, 3)
    expect(decompressBlock(inBuffer, 3, 3 + block.length, text.length)).toEqual(text)
  })

  it('gives up (null) when the block would pass its limit: incompressible data and hex digits', () => {
    const random = noise(100_000, 9)
    expect(compressBlock(random, 0, random.length, random.length)).toBeNull()
    const hex = bytesOf(Array.from(noise(50_000, 4), (b) => b.toString(16).padStart(2, '0')).join(''))
    expect(compressBlock(hex, 0, hex.length, hex.length - (hex.length >> 3))).toBeNull()
    // Without a limit it still makes a valid block of about the input's size.
    expect(same(roundTrip(random), random)).toBe(true)
    expect(compressBlock(random, 0, random.length)!.length).toBeLessThanOrEqual(
      random.length + random.length / 255 + 16,
    )
  })

  it('refuses malformed blocks with RowBatchError, never reading or writing out of bounds', () => {
    const input = bytesOf('hello hello hello hello hello world')
    const block = compressBlock(input, 0, input.length)!
    expect(() => decompressBlock(block, 0, block.length, input.length + 1)).toThrow(/expected/)
    expect(() => decompressBlock(block, 0, block.length, input.length - 1)).toThrow(RowBatchError)
    expect(() => decompressBlock(block, 0, block.length - 1, input.length)).toThrow(RowBatchError)
    expect(() => decompressBlock(Uint8Array.from([0x00, 0x00, 0x00]), 0, 3, 8)).toThrow(/offset 0/)
    expect(() => decompressBlock(Uint8Array.from([0x10, 0x41, 0x05, 0x00]), 0, 4, 20)).toThrow(/before the output/)
    expect(() => decompressBlock(Uint8Array.from([0xf0]), 0, 1, 20)).toThrow(/literal length/)
    const next = random(11)
    for (let i = 0; i < 3000; i++) {
      const bad = block.slice()
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++)
        bad[Math.floor(next() * bad.length)] = Math.floor(next() * 256)
      try {
        decompressBlock(bad, 0, bad.length, input.length)
      } catch (error) {
        expect(error).toBeInstanceOf(RowBatchError)
      }
    }
  })
})
