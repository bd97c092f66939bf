import { describe, expect, it } from 'vitest'
import { fuzzyScore } from './fuzzy-match'

const rank = (query: string, names: string[]): string[] =>
  names
    .map((name) => ({ name, score: fuzzyScore(query, name) }))
    .filter((entry): entry is { name: string; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.name)

describe('fuzzyScore', () => {
  it('matches letters in order, ignoring case, and refuses names missing one', () => {
    expect(fuzzyScore('ordit', 'order_items')).not.toBeNull()
    expect(fuzzyScore('ORDERS', 'orders')).not.toBeNull()
    expect(fuzzyScore('ox', 'orders')).toBeNull()
    expect(fuzzyScore('sro', 'orders')).toBeNull()
  })

  it('ranks a prefix over a word start over a substring over scattered letters', () => {
    expect(rank('ord', ['sales_orders', 'recorded', 'orders', 'o_r_d'])).toEqual([
      'orders',
      'sales_orders',
      'recorded',
      'o_r_d',
    ])
  })

  it('prefers the shorter of two names with the same match', () => {
    expect(rank('cust', ['customers_archive', 'customers'])).toEqual(['customers', 'customers_archive'])
  })
})
