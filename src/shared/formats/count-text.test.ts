import { describe, expect, it } from 'vitest'
import { countText } from './count-text'

describe('countText', () => {
  it('says one in the singular and every other count in the plural, grouped', () => {
    expect(countText(1, 'row')).toBe('1 row')
    expect(countText(2, 'row')).toBe('2 rows')
    expect(countText(0, 'key')).toBe('0 keys')
    expect(countText(2400, 'row')).toBe('2,400 rows')
    expect(countText(1, 'index', 'indexes')).toBe('1 index')
    expect(countText(3, 'index', 'indexes')).toBe('3 indexes')
  })
})
