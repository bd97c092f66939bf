import type { ResultColumn, TableSchema } from '../contract'
import type { EditKey, EditTarget } from '../contract/edit-model'

/**
 * Editing a query result (issue "Edit data with proof"): a result can be edited like a table's
 * Data view when its columns come from one table (ResultColumn.origin, where the engine reports
 * it) and it includes that table's key. Decided in two steps, because the key needs the table's
 * structure: `resultTable` finds the one table and maps each result column onto it;
 * `resultEditTarget` then checks that a key of that table is in the result.
 */

/** Why a whole result cannot be edited. */
export type ResultRefusal =
  /** The engine does not report where result columns come from (or none came from a table). */
  | 'no-origin'
  /** Its columns come from more than one table. */
  | 'several-tables'
  /** The table has neither a primary key nor a unique NOT NULL key (a view, a keyless table). */
  | 'no-key'
  /** The table has a key, but not every column of it is in the result. */
  | 'key-not-in-result'

/** Why one column of an editable result is read-only. */
export type ColumnRefusal =
  /** Computed (an expression, an aggregate, a literal): no table column to write. */
  | 'expression'
  /** The same table column is already shown, editable, in an earlier result column. */
  | 'duplicate'

/** One result column: the table column it edits, or why it is read-only. */
export type ResultColumnEdit = { column: string } | { readOnly: ColumnRefusal }

export type Refused = { editable: false; reason: ResultRefusal; message: string }

/** The one table a result's columns come from, and each result column mapped onto it. */
export interface ResultTable {
  editable: true
  target: EditTarget
  /** One entry per result column, in order. */
  columns: ResultColumnEdit[]
}

/** An editable result: its table, the key used, and where each key column is in the result. */
export interface ResultEditTarget extends ResultTable {
  key: EditKey
  /** Index in the result of each key column, in the key's order. */
  keyIndexes: number[]
}

/** A key the table offers, best first: its primary key, then unique keys whose columns are all NOT NULL. */
export interface TableKey {
  columns: readonly string[]
  source: 'primary-key' | 'unique'
}

/**
 * The keys a table's structure offers, best first: the primary key, then each unique index (not
 * partial, on plain columns) whose columns are all NOT NULL.
 */
export function tableKeys(schema: Pick<TableSchema, 'columns' | 'primaryKey' | 'indexes'>): TableKey[] {
  const notNull = new Set(schema.columns.filter((c) => !c.nullable).map((c) => c.name))
  const keys: TableKey[] = schema.primaryKey.length ? [{ columns: schema.primaryKey, source: 'primary-key' }] : []
  for (const index of schema.indexes) {
    if (!index.unique || index.primary || index.predicate !== null || index.columns.length === 0) continue
    if (index.columns.every((c) => notNull.has(c))) keys.push({ columns: index.columns, source: 'unique' })
  }
  return keys
}

const refuse = (reason: ResultRefusal, message: string): Refused => ({ editable: false, reason, message })

const tableName = (t: EditTarget) => (t.schema === null ? t.table : `${t.schema}.${t.table}`)

/** Finds the one table a result's columns come from, or why there is none. */
export function resultTable(columns: readonly ResultColumn[]): ResultTable | Refused {
  const tables = new Map<string, EditTarget>()
  for (const { origin } of columns) {
    if (origin)
      tables.set(JSON.stringify([origin.schema, origin.table]), { schema: origin.schema, table: origin.table })
  }
  if (tables.size === 0)
    return refuse(
      'no-origin',
      'No column of this result is read from a table column, so there is nothing to write back',
    )
  if (tables.size > 1) {
    const names = [...tables.values()].map(tableName)
    return refuse(
      'several-tables',
      `This result joins columns of ${names.length} tables (${names.slice(0, 4).join(', ')}): edit each table in its Data view`,
    )
  }
  const target = [...tables.values()][0]!
  const seen = new Set<string>()
  const mapped = columns.map((c): ResultColumnEdit => {
    if (!c.origin) return { readOnly: 'expression' }
    if (seen.has(c.origin.column)) return { readOnly: 'duplicate' }
    seen.add(c.origin.column)
    return { column: c.origin.column }
  })
  return { editable: true, target, columns: mapped }
}

/**
 * The result's edit target: the first of the table's keys (best first) whose columns are all in
 * the result, or why none can be used.
 */
export function resultEditTarget(table: ResultTable, keys: readonly TableKey[]): ResultEditTarget | Refused {
  const name = tableName(table.target)
  if (keys.length === 0)
    return refuse('no-key', `${name} has neither a primary key nor a unique NOT NULL key to identify its rows by`)
  const indexOf = (column: string) => table.columns.findIndex((c) => 'column' in c && c.column === column)
  for (const key of keys) {
    const keyIndexes = key.columns.map(indexOf)
    if (keyIndexes.every((i) => i >= 0))
      return { ...table, key: { columns: [...key.columns], source: key.source }, keyIndexes }
  }
  const best = keys[0]!
  const missing = best.columns.filter((column) => indexOf(column) < 0)
  return refuse(
    'key-not-in-result',
    `Add ${missing.join(', ')} to the query to edit: ${name} identifies its rows by ${best.source === 'primary-key' ? 'its primary key' : 'a unique key'} (${best.columns.join(', ')})`,
  )
}
