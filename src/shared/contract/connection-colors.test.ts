import { describe, expect, it } from 'vitest'
import { CONNECTION_COLORS, defaultColorOf, freshColor, isConnectionColor } from './connection-colors'

describe('connection colours', () => {
  it('derives the same colour from the same id, and spreads ids over the palette', () => {
    expect(defaultColorOf('sample')).toBe(defaultColorOf('sample'))
    const ids = Array.from({ length: 200 }, (_, i) => `c-${i}-${i * 7919}`)
    const used = new Set(ids.map(defaultColorOf))
    expect(used.size).toBe(CONNECTION_COLORS.length)
  })

  it('gives a new connection a colour no other wears, then the least worn', () => {
    expect(freshColor([])).toBe('blue')
    expect(freshColor(['blue', 'green'])).toBe('orange')
    const all = [...CONNECTION_COLORS, 'blue', 'orange'] as const
    expect(freshColor(all)).toBe('green')
  })

  it('knows its own names only', () => {
    expect(isConnectionColor('teal')).toBe(true)
    expect(isConnectionColor('red')).toBe(false)
    expect(isConnectionColor(undefined)).toBe(false)
  })
})
