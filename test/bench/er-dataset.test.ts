import { describe, expect, it } from 'vitest'
import { erForeignKeys, erSchema, erStatements, ER_TABLES } from '../../bench/er-dataset'

describe('the ER bench schema', () => {
  const tables = erSchema()

  it('has 2,000 tables of 5–20 columns and about 3,000 foreign keys, some composite', () => {
    expect(tables).toHaveLength(ER_TABLES)
    expect(ER_TABLES).toBe(2000)
    expect(new Set(tables.map((t) => t.name)).size).toBe(2000)
    for (const table of tables) {
      expect(table.columns.length).toBeGreaterThanOrEqual(5)
      expect(table.columns.length).toBeLessThanOrEqual(20)
      expect(new Set(table.columns.map((c) => c.name)).size).toBe(table.columns.length)
    }
    const keys = erForeignKeys(tables)
    expect(keys).toBeGreaterThan(2800)
    expect(keys).toBeLessThan(3200)
    expect(tables.filter((t) => t.primaryKey.length === 2)).toHaveLength(250)
    expect(tables.flatMap((t) => t.keys).filter((k) => k.columns.length === 2).length).toBeGreaterThan(200)
  })

  it('creates every parent before its children, and references its key columns', () => {
    const seen = new Map<string, string[]>()
    for (const table of tables) {
      for (const key of table.keys) {
        expect(seen.get(key.parent)).toEqual(key.parentColumns)
        expect(key.columns).toHaveLength(key.parentColumns.length)
      }
      seen.set(table.name, table.primaryKey)
    }
  })

  it('is the same schema every time (a seeded generator)', () => {
    expect(erStatements(erSchema(), (t) => t)).toEqual(erStatements(tables, (t) => t))
    expect(erStatements(tables, (t) => `er.${t}`)[9]).toMatch(/^CREATE TABLE er\.m00_warehouses \(id INTEGER NOT NULL/)
  })
})
