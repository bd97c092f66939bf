import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteIntrospector } from '../../../src/main/drivers/sqlite/sqlite-introspector'

/** The listing the introspector made before (one pragma_table_list read), to compare against. */
const pragmaListing = (db: Database.Database) =>
  (
    db
      .prepare(
        "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') " +
          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name COLLATE NOCASE",
      )
      .all() as { name: string; type: string }[]
  ).map((r) => ({ name: r.name, kind: r.type === 'virtual' ? 'virtual-table' : r.type }))

/** tables() reads sqlite_schema once; the result must be what pragma_table_list says, counts aside. */
describe('sqlite: the table list', () => {
  let dir: string
  const open = (label: string, statements: string[]) => {
    const db = new Database(join(dir, `${label}.db`))
    for (const statement of statements) db.exec(statement)
    return db
  }
  const listing = (tables: { name: string; kind: string }[]) => tables.map(({ name, kind }) => ({ name, kind }))

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quarry-sqlite-list-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('lists tables and views as the pragma does, in the same order, without SQLite internals', () => {
    const db = open('plain', [
      'CREATE TABLE "Zeta" (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)',
      "INSERT INTO Zeta (v) VALUES ('a'), ('b')",
      'CREATE TABLE alpha (k TEXT PRIMARY KEY, n INT) WITHOUT ROWID',
      'CREATE TABLE "odd ""name""" (x)',
      'CREATE VIEW beta AS SELECT * FROM alpha',
      'CREATE INDEX alpha_n ON alpha (n)',
      'CREATE TRIGGER zeta_t AFTER INSERT ON Zeta BEGIN SELECT 1; END',
    ])
    const tables = new SqliteIntrospector(db, ':memory:', 'plain').tables('plain', 'main')
    expect(listing(tables)).toEqual(pragmaListing(db))
    expect(tables.map((t) => t.name)).toEqual(['alpha', 'beta', 'odd "name"', 'Zeta'])
    expect(tables.find((t) => t.name === 'Zeta')).toMatchObject({ rowCount: 2, rowCountExact: true })
    expect(tables.find((t) => t.name === 'beta')).toMatchObject({ kind: 'view', rowCount: null })
    db.close()
  })

  it('leaves out the shadow tables of a virtual table, and keeps a user table named like one', () => {
    const db = open('virtual', [
      'CREATE VIRTUAL TABLE docs USING fts5(body)',
      "INSERT INTO docs (body) VALUES ('hello')",
      'CREATE TABLE docs_notes (id INTEGER PRIMARY KEY)',
      'CREATE TABLE plain (id INTEGER PRIMARY KEY)',
    ])
    const tables = new SqliteIntrospector(db, ':memory:', 'virtual').tables('virtual', 'main')
    expect(listing(tables)).toEqual(pragmaListing(db))
    expect(listing(tables)).toEqual([
      { name: 'docs', kind: 'virtual-table' },
      { name: 'docs_notes', kind: 'table' },
      { name: 'plain', kind: 'table' },
    ])
    db.close()
  })

  it('counts rows exactly only in a schema of few tables, within its time budget', () => {
    const statements = Array.from({ length: 30 }, (_, i) => `CREATE TABLE t${i} (id INTEGER)`)
    const db = open('many', [...statements, 'INSERT INTO t7 VALUES (1), (2), (3)'])
    const counted = (countedTables: number, countBudgetMs: number) =>
      new SqliteIntrospector(db, ':memory:', 'many', { countedTables, countBudgetMs }).tables('many', 'main')
    expect(counted(30, 10_000).find((t) => t.name === 't7')).toMatchObject({ rowCount: 3, rowCountExact: true })
    expect(counted(30, 10_000).every((t) => t.rowCountExact)).toBe(true)
    // One table over the limit: no table is counted (the tree shows no count rather than a partial one).
    expect(counted(29, 10_000).map((t) => [t.rowCount, t.rowCountExact])).toEqual(statements.map(() => [null, false]))
    // A spent budget stops counting (checked before each table).
    const late = counted(30, -1)
    expect(late).toHaveLength(30)
    expect(late.filter((t) => t.rowCountExact)).toHaveLength(0)
    db.close()
  })
})
