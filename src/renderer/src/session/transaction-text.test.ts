import { describe, expect, it } from 'vitest'
import { ageText, closeQuestion, transactionText } from './transaction-text'

describe('transaction texts', () => {
  it('say how long a transaction has been open', () => {
    expect(ageText(999)).toBe('0 s')
    expect(ageText(42_000)).toBe('42 s')
    expect(ageText(185_000)).toBe('3 min 5 s')
    expect(ageText(7_800_000)).toBe('2 h 10 min')
  })

  it('show nothing for an idle session, the age and statements of an open one, and that a failed one needs Rollback', () => {
    const now = 1_000_000
    expect(transactionText({ transaction: 'idle', openedAt: null, statements: 0, notice: null }, now)).toBeNull()
    expect(transactionText({ transaction: 'open', openedAt: now - 65_000, statements: 1, notice: null }, now)).toBe(
      'Transaction open · 1 min 5 s · 1 statement',
    )
    expect(transactionText({ transaction: 'failed', openedAt: now - 3_000, statements: 4, notice: null }, now)).toBe(
      'Failed transaction · 3 s · only Rollback helps',
    )
  })

  it('ask to commit or roll back an open transaction, and only to roll back a failed one', () => {
    const open = { transaction: 'open', openedAt: 0, statements: 2, notice: null } as const
    expect(closeQuestion('Query 1', open, 10_000)).toBe(
      '"Query 1" has a transaction open for 10 s (2 statements). Commit it, or roll it back?',
    )
    expect(closeQuestion('Query 1', { ...open, transaction: 'failed' }, 10_000)).toMatch(
      /nothing of it can be committed/,
    )
  })
})
