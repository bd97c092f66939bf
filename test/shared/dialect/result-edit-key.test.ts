import { describe, expect, it } from 'vitest'
import { findEditKey } from '../../../src/main/drivers/edits/edit-key'
import type { ColumnInfo, IndexInfo, TableSchema } from '../../../src/shared/contract'
import { tableKey } from '../../../src/shared/dialect/result-edit-target'

const column = (name: string, nullable: boolean, unique = false): ColumnInfo => ({
  name,
  dataType: 'int',
  nullable,
  defaultValue: null,
  primaryKeyPosition: null,
  unique,
  autoIncrement: false,
  comment: null,
})
const index = (columns: string[], extra: Partial<IndexInfo> = {}): IndexInfo => ({
  name: columns.join('_'),
  columns,
  unique: true,
  primary: false,
  predicate: null,
  method: null,
  expressions: false,
  ...extra,
})
const table = (primaryKey: string[], indexes: IndexInfo[], columns: ColumnInfo[]): TableSchema => ({
  schema: 'public',
  name: 't',
  kind: 'table',
  columns,
  primaryKey,
  indexes,
  foreignKeys: [],
  checks: [],
  definition: null,
})

/** The key a query result is checked for must be the one the edit planner will key its statements by. */
describe('result editing uses the edit planner key', () => {
  const columns = [column('id', false), column('a', false), column('b', true), column('c', false, true)]
  const cases: TableSchema[] = [
    table(['id'], [index(['id'], { primary: true }), index(['a'])], columns),
    table(['a', 'id'], [], columns),
    table([], [index(['b']), index(['a'])], columns),
    table([], [index(['a'], { predicate: 'a > 0' })], columns),
    table([], [index(['lower(a)'])], columns),
    table([], [], columns),
    table([], [index(['a'], { unique: false })], [column('id', false), column('a', false)]),
    table([], [], [column('x', true, true)]),
  ]
  it.each(cases.map((c, i) => [i, c] as const))('structure %i', (_i, structure) => {
    let planned: { columns: string[]; source: string } | null
    try {
      planned = findEditKey(structure, undefined, 'postgres')
    } catch {
      planned = null
    }
    const key = tableKey(structure)
    expect(key && { columns: [...key.columns], source: key.source }).toEqual(planned)
  })
})
