import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '../contract'
import { originalRow, resultEditTarget, resultTable, tableKey } from './result-edit-target'
import type { ResultTable } from './result-edit-target'

const from = (table: string, column: string, schema: string | null = 'public') => ({ schema, table, column })
const col = (name: string, origin?: ReturnType<typeof from>): ResultColumn => ({
  name,
  type: null,
  ...(origin ? { origin } : {}),
})
const PK = { columns: ['id'], source: 'primary-key' as const }

const table = (columns: ResultColumn[]): ResultTable => {
  const found = resultTable(columns)
  if (!found.editable) throw new Error(found.message)
  return found
}

describe('editing a query result', () => {
  it('maps each result column onto its table column: aliases, expressions and repeats', () => {
    const found = resultTable([
      col('id', from('items', 'id')),
      col('label', from('items', 'name')),
      col('more', undefined),
      col('again', from('items', 'name')),
    ])
    expect(found).toEqual({
      editable: true,
      target: { schema: 'public', table: 'items' },
      columns: [{ column: 'id' }, { column: 'name' }, { readOnly: 'expression' }, { readOnly: 'duplicate' }],
    })
  })

  it('turns a result row into the original row of its table, by table column name', () => {
    const found = table([
      col('label', from('items', 'name')),
      col('more'),
      col('id', from('items', 'id')),
      col('again', from('items', 'name')),
      col('__proto__', from('items', '__proto__')),
    ])
    const original = originalRow(found, ['Ann', 3, { $: 'int', v: '9007199254740993' }, 'Ann', null])
    expect(original).toEqual({ name: 'Ann', id: { $: 'int', v: '9007199254740993' }, ['__proto__']: null })
    expect(Object.keys(original)).toEqual(['name', 'id', '__proto__'])
  })

  it('refuses a result of an engine that does not report origins, naming the Data view', () => {
    expect(resultTable([col('id', from('items', 'id'))], false)).toMatchObject({
      editable: false,
      reason: 'no-origin',
      message: expect.stringMatching(/Data view/),
    })
  })

  it('refuses a result with no table column, or columns of several tables, saying which', () => {
    expect(resultTable([col('n'), col('m')])).toMatchObject({ editable: false, reason: 'no-origin' })
    expect(resultTable([])).toMatchObject({ editable: false, reason: 'no-origin' })
    const joined = resultTable([col('id', from('items', 'id')), col('tag', from('tags', 'tag'))])
    expect(joined).toMatchObject({ editable: false, reason: 'several-tables' })
    expect(!joined.editable && joined.message).toContain('public.items, public.tags')
    // The same table name in two schemas is two tables.
    expect(resultTable([col('a', from('t', 'a', 'x')), col('b', from('t', 'b', 'y'))])).toMatchObject({
      reason: 'several-tables',
    })
  })

  it("uses the table's key (the one the edit planner uses) when it is in the result, and where each column is", () => {
    const found = table([col('name', from('items', 'name')), col('id', from('items', 'id'))])
    expect(resultEditTarget(found, PK)).toMatchObject({
      editable: true,
      key: { columns: ['id'], source: 'primary-key' },
      keyIndexes: [1],
    })
    const byUnique = table([col('code', from('t', 'code')), col('a', from('t', 'a'))])
    expect(resultEditTarget(byUnique, { columns: ['code'], source: 'unique' })).toMatchObject({
      key: { columns: ['code'], source: 'unique' },
      keyIndexes: [0],
    })
  })

  it('says which key columns to add when the key is not in the result, and when there is no key', () => {
    const refused = resultEditTarget(table([col('a', from('t', 'a')), col('x', from('t', 'x'))]), {
      columns: ['a', 'b'],
      source: 'primary-key',
    })
    expect(refused).toMatchObject({ editable: false, reason: 'key-not-in-result' })
    expect(!refused.editable && refused.message).toMatch(/^Add b to the query/)
    // A unique key in the result does not stand in for the primary key: the planner keys by the primary key.
    expect(
      resultEditTarget(table([col('code', from('t', 'code'))]), { columns: ['id'], source: 'primary-key' }),
    ).toMatchObject({ reason: 'key-not-in-result' })
    // A key column shown only as an expression does not count.
    expect(resultEditTarget(table([col('id'), col('name', from('items', 'name'))]), PK)).toMatchObject({
      reason: 'key-not-in-result',
    })
    expect(resultEditTarget(table([col('a', from('v', 'a'))]), null)).toMatchObject({ reason: 'no-key' })
  })

  it("reads the table's key from its structure as the planner does: primary key, unique NOT NULL, never partial", () => {
    const column = (name: string, nullable: boolean) => ({
      name,
      dataType: 'int',
      nullable,
      defaultValue: null,
      primaryKeyPosition: null,
      unique: false,
      autoIncrement: false,
      comment: null,
    })
    const index = (name: string, columns: string[], extra: { primary?: boolean; predicate?: string } = {}) => ({
      name,
      columns,
      unique: true,
      primary: extra.primary ?? false,
      predicate: extra.predicate ?? null,
      method: null,
      expressions: false,
    })
    const structure = (primaryKey: string[], indexes: ReturnType<typeof index>[], unique = false) => ({
      columns: [
        column('id', false),
        column('code', false),
        column('email', true),
        { ...column('slug', false), unique },
      ],
      primaryKey,
      indexes,
    })
    const indexes = [
      index('email', ['email']),
      index('slug_live', ['slug'], { predicate: 'live' }),
      index('expr', ['lower(code)']),
      index('code', ['code']),
    ]
    expect(tableKey(structure(['id'], [index('pk', ['id'], { primary: true }), ...indexes]))).toEqual({
      columns: ['id'],
      source: 'primary-key',
    })
    expect(tableKey(structure([], indexes))).toEqual({ columns: ['code'], source: 'unique' })
    expect(tableKey(structure([], indexes.slice(0, 3), true))).toEqual({ columns: ['slug'], source: 'unique' })
    expect(tableKey(structure([], indexes.slice(0, 3)))).toBeNull()
  })
})
