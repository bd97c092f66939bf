import { describe, expect, it } from 'vitest'
import { conflictMessage } from '../../src/main/services/edit-service'

describe('History of a conflicting apply', () => {
  it('says every change was rolled back where the server rolled them back', () => {
    expect(conflictMessage(2, [])).toBe(
      'Edits not applied: 2 change(s) did not match exactly one row, so every change was rolled back',
    )
  })

  it('names the changes that stayed applied on a server without transactions (1-based, as the review numbers them)', () => {
    const message = conflictMessage(1, [0, 2])
    expect(message).toContain('change(s) 1, 3')
    expect(message).toContain('stay applied')
    expect(message).not.toContain('every change was rolled back')
  })
})
