import { describe, expect, it } from 'vitest'
import { parseTableChecks } from './sqlite-checks'

describe('parseTableChecks', () => {
  it('finds column and table checks in order, named where a CONSTRAINT names them', () => {
    const sql = `CREATE TABLE t (
      id INTEGER PRIMARY KEY,
      qty INT CHECK (qty >= 0) NOT NULL,
      price REAL CONSTRAINT positive_price CHECK(price > 0),
      CONSTRAINT "odd ""name""" CHECK (qty < 1000 AND (price < 1e6)),
      CHECK (length(note) < 10)
    )`
    expect(parseTableChecks(sql)).toEqual([
      { name: null, expression: '(qty >= 0)' },
      { name: 'positive_price', expression: '(price > 0)' },
      { name: 'odd "name"', expression: '(qty < 1000 AND (price < 1e6))' },
      { name: null, expression: '(length(note) < 10)' },
    ])
  })

  it('ignores CHECK inside strings, quoted names and comments, and parentheses inside strings', () => {
    const sql = `CREATE TABLE "check" (
      "check" TEXT DEFAULT 'CHECK (x)', -- CHECK (no)
      /* CHECK (no) */ note TEXT CHECK (note <> ')' ),
      CONSTRAINT pk PRIMARY KEY ("check")
    )`
    expect(parseTableChecks(sql)).toEqual([{ name: null, expression: "(note <> ')' )" }])
  })

  it('finds none in a table without checks', () => {
    expect(parseTableChecks('CREATE TABLE t (a, b)')).toEqual([])
  })
})
