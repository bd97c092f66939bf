import { describe, expect, it } from 'vitest'
import type { ForeignKeyInfo, TableSchema } from '../../../shared/contract'
import type { WireValue } from '../../../shared/contract/values'
import { conditionValue, keyConditions, linkedColumns, referencingKeys, referencingLabel } from './key-links'

const fk = (columns: string[], table: string, referencedColumns: string[], schema = 'main'): ForeignKeyInfo => ({
  name: null,
  columns,
  referencedSchema: schema,
  referencedTable: table,
  referencedColumns,
  onUpdate: 'NO ACTION',
  onDelete: 'NO ACTION',
})

const tableOf = (name: string, foreignKeys: ForeignKeyInfo[], schema = 'main'): TableSchema => ({
  schema,
  name,
  kind: 'table',
  columns: [],
  primaryKey: [],
  indexes: [],
  foreignKeys,
  checks: [],
  definition: null,
})

describe('key conditions', () => {
  it('binds each key value as exact text; NULL, binary and document values match nothing', () => {
    expect(conditionValue(42)).toBe('42')
    expect(conditionValue({ $: 'int', v: '9223372036854775807' })).toBe('9223372036854775807')
    expect(conditionValue("O'Brien")).toBe("O'Brien")
    expect(conditionValue('')).toBe('')
    expect(conditionValue(null)).toBeNull()
    expect(conditionValue({ $: 'bytes', v: '00ff', n: 2 })).toBeNull()
    expect(conditionValue({ $: 'bson', t: 'ObjectId', v: 'ab' })).toBeNull()
  })

  it('pairs the columns of a composite key in order, and refuses a NULL part', () => {
    const row: Record<string, WireValue> = { order_id: 7, line: 2, other: null }
    const valueOf = (column: string) => row[column]
    expect(keyConditions(['order_id', 'line'], ['id', 'line_no'], valueOf)).toEqual([
      { column: 'id', op: '=', value: '7' },
      { column: 'line_no', op: '=', value: '2' },
    ])
    expect(keyConditions(['order_id', 'other'], ['id', 'x'], valueOf)).toBeNull()
    expect(keyConditions(['missing'], ['id'], valueOf)).toBeNull()
    expect(keyConditions(['order_id'], ['id', 'x'], valueOf)).toBeNull()
  })
})

describe('linked columns', () => {
  it('links the result columns of each key, a composite key only when all its columns are there', () => {
    const category = fk(['category_id'], 'categories', ['id'])
    const pair = fk(['a', 'b'], 'pairs', ['a', 'b'])
    const linked = linkedColumns(['id', 'name', 'category_id', 'a'], [category, pair])
    expect([...linked.entries()]).toEqual([[2, category]])
    expect([...linkedColumns(['b', 'a'], [pair]).keys()].sort()).toEqual([0, 1])
  })
})

describe('referencing keys', () => {
  it('finds the keys of other tables (and the table itself) that point at a table in its schema', () => {
    const tables = [
      tableOf('products', [fk(['category_id'], 'categories', ['id']), fk(['supplier_id'], 'suppliers', ['id'])]),
      tableOf('categories', [fk(['parent_id'], 'categories', ['id'])]),
      tableOf('elsewhere', [fk(['category_id'], 'categories', ['id'], 'other')], 'other'),
    ]
    const refs = referencingKeys(tables, 'main', 'categories')
    expect(refs.map((ref) => `${ref.table}.${ref.key.columns.join()}`)).toEqual([
      'products.category_id',
      'categories.parent_id',
    ])
    expect(referencingLabel(refs[0]!, refs)).toBe('products')
  })

  it('names the columns when one table references another through several keys', () => {
    const tables = [tableOf('transfers', [fk(['from_id'], 'accounts', ['id']), fk(['to_id'], 'accounts', ['id'])])]
    const refs = referencingKeys(tables, 'main', 'accounts')
    expect(refs.map((ref) => referencingLabel(ref, refs))).toEqual(['transfers (from_id)', 'transfers (to_id)'])
  })
})
