import { describe, expect, it } from 'vitest'
import { rowsText } from './run-format'

describe('rowsText', () => {
  it('says "1 row" and "2,400 rows"', () => {
    expect(rowsText(0)).toBe('0 rows')
    expect(rowsText(1)).toBe('1 row')
    expect(rowsText(2400)).toBe('2,400 rows')
  })
})
