import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { namedTokenPosition, toQuarryError } from '../../../src/main/drivers/sqlite/sqlite-errors'
import { toWireValue } from '../../../src/main/drivers/sqlite/sqlite-values'

/** The QuarryError better-sqlite3's own error for `run` becomes. */
const errorOf = (run: () => unknown) => {
  try {
    run()
  } catch (thrown) {
    return toQuarryError(thrown)
  }
  throw new Error('expected an error')
}

describe('sqlite: error kinds', () => {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)')

  it('maps statement problems to syntax, keeping the code', () => {
    for (const sql of ['SELEKT 1', 'SELECT * FROM nope', 'SELECT nope FROM t', 'SELECT (1', 'SELECT nope(1)']) {
      expect(
        errorOf(() => db.prepare(sql)),
        sql,
      ).toMatchObject({ kind: 'syntax', code: 'SQLITE_ERROR', engine: 'sqlite' })
    }
  })

  it('maps constraint violations and misuse to invalid-input', () => {
    expect(errorOf(() => db.prepare('INSERT INTO t (v) VALUES (NULL)').run())).toMatchObject({
      kind: 'invalid-input',
      code: 'SQLITE_CONSTRAINT_NOTNULL',
    })
    const several = errorOf(() => db.prepare('SELECT 1; SELECT 2'))
    expect(several).toMatchObject({ kind: 'invalid-input', engine: 'sqlite' })
    expect(several.message).toMatch(/more than one statement/)
  })

  it('maps open and permission failures by their primary code', () => {
    const fake = (code: string) => Object.assign(new Error('x'), { name: 'SqliteError', code })
    expect(toQuarryError(fake('SQLITE_READONLY_DBMOVED')).kind).toBe('permission')
    expect(toQuarryError(fake('SQLITE_AUTH')).kind).toBe('permission')
    expect(toQuarryError(fake('SQLITE_CANTOPEN_ISDIR')).kind).toBe('connection')
    expect(toQuarryError(fake('SQLITE_NOTADB')).kind).toBe('connection')
    expect(toQuarryError(fake('SQLITE_BUSY')).kind).toBe('timeout')
    expect(toQuarryError(fake('SQLITE_FULL'))).toMatchObject({ kind: 'internal', code: 'SQLITE_FULL' })
    expect(toQuarryError(new Error('boom'))).toMatchObject({ kind: 'internal', message: 'boom' })
  })
})

describe('sqlite: value encoding', () => {
  it('keeps integers exact and tags what JSON cannot carry', () => {
    expect(toWireValue(9007199254740991n)).toBe(9007199254740991)
    expect(toWireValue(-9007199254740991n)).toBe(-9007199254740991)
    expect(toWireValue(9007199254740992n)).toEqual({ $: 'int', v: '9007199254740992' })
    expect(toWireValue(Buffer.from([0, 255]))).toEqual({ $: 'bytes', v: '00ff', n: 2 })
    expect(toWireValue(null)).toBeNull()
    expect(toWireValue('')).toBe('')
    expect(() => toWireValue(undefined)).toThrow(TypeError)
  })
})

describe('sqlite: the token an error names', () => {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)')
  const positionOf = (sql: string) => namedTokenPosition(errorOf(() => db.prepare(sql)).message, sql)

  it('points at the column, table, function or word SQLite names (1-based)', () => {
    const sql = 'SELECT c.name,\n  c.country FROM customers c'
    expect(positionOf(sql)).toBe(sql.indexOf('c.country') + 1)
    expect(positionOf('SELECT * FROM nope')).toBe(15)
    expect(positionOf('SELECT nope(1)')).toBe(8)
    expect(positionOf('SELEKT 1')).toBe(1)
    expect(positionOf('INSERT INTO customers (nope) VALUES (1)')).toBe(24)
  })

  it('finds whole words only, and nothing when the text is not there', () => {
    // `x` inside `xx` is not the column `x`.
    expect(namedTokenPosition('no such column: x', 'SELECT xx, x FROM t')).toBe(12)
    expect(namedTokenPosition('no such column: gone', 'SELECT * FROM v')).toBeUndefined()
    expect(namedTokenPosition('UNIQUE constraint failed: t.id', 'INSERT INTO t VALUES (1)')).toBeUndefined()
  })

  it('finds a name of any size (a pattern built from a 140,000-character name failed to compile)', () => {
    const name = 'x'.repeat(140_000)
    const sql = `SELECT xx${name}, ${name.toUpperCase()} FROM t`
    expect(positionOf(`SELECT ${name}`)).toBe(8)
    expect(namedTokenPosition(`no such column: ${name}`, sql)).toBe(8 + name.length + 4)
  })
})
