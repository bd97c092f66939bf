import { describe, expect, it } from 'vitest'
import { frameTooLarge, WS_MAX_PAYLOAD } from '../../src/shared/contract'

describe('a client frame above WS_MAX_PAYLOAD (checked by the page before sending)', () => {
  it('is named with its UTF-8 size and the limit; at the limit it passes', () => {
    const at = 'x'.repeat(WS_MAX_PAYLOAD)
    expect(frameTooLarge('edits.apply', at)).toBeNull()
    expect(frameTooLarge('edits.apply', `${at}x`)).toBe(
      'This apply is too large for one message in browser mode (11.0 MiB, limit 11 MiB): apply it in parts',
    )
    expect(frameTooLarge('query.start', `${at}x`)).toMatch(/^This request is too large/)
  })

  it('counts UTF-8 bytes, not characters', () => {
    // 4 million "é" are 8 MB of UTF-8 (fits); 6 million are 12 MB (does not).
    expect(frameTooLarge('edits.apply', 'é'.repeat(4_000_000))).toBeNull()
    expect(frameTooLarge('edits.preview', 'é'.repeat(6_000_000))).toMatch(
      /^This review is too large for one message in browser mode \(11\.4 MiB, limit 11 MiB\)/,
    )
  })
})
