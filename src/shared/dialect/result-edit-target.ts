import type { ResultColumn, TableSchema, WireValue } from '../contract'
import type { EditKey, EditTarget } from '../contract/edit-model'

/**
 * Editing a query result (issue "Edit data with proof"): a result can be edited like a table's
 * Data view when its columns come from one table (ResultColumn.origin, where the engine reports
 * it) and it includes that table's key. Decided in two steps, because the key needs the table's
 * structure: `resultTable` finds the one table and maps each result column onto it;
 * `resultEditTarget` then checks that the table's key (`tableKey`) is in the result.
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

/** A key of a table: its primary key, or a unique key whose columns are all NOT NULL. */
export interface TableKey {
  columns: readonly string[]
  source: 'primary-key' | 'unique'
}

/**
 * The key the edit planner identifies the table's rows by (main's findEditKey, the same order):
 * the primary key; else the first unique index (not partial) whose columns are all NOT NULL; else
 * a unique NOT NULL column. Null when there is none (a view, a keyless table): a query result
 * cannot be edited then (the key a user may choose is for the table's Data view).
 */
export function tableKey(schema: Pick<TableSchema, 'columns' | 'primaryKey' | 'indexes'>): TableKey | null {
  if (schema.primaryKey.length > 0) return { columns: schema.primaryKey, source: 'primary-key' }
  const notNull = new Set(schema.columns.filter((c) => !c.nullable).map((c) => c.name))
  const unique = schema.indexes.find(
    (index) =>
      index.unique &&
      index.predicate === null &&
      index.columns.length > 0 &&
      index.columns.every((c) => notNull.has(c)),
  )
  if (unique) return { columns: unique.columns, source: 'unique' }
  const single = schema.columns.find((c) => c.unique && !c.nullable)
  return single ? { columns: [single.name], source: 'unique' } : null
}

const refuse = (reason: ResultRefusal, message: string): Refused => ({ editable: false, reason, message })

const tableName = (t: EditTarget) => (t.schema === null ? t.table : `${t.schema}.${t.table}`)

/**
 * Finds the one table a result's columns come from, or why there is none. `reportsOrigins`: the
 * engine's descriptor capability `resultColumnOrigins`.
 */
export function resultTable(columns: readonly ResultColumn[], reportsOrigins = true): ResultTable | Refused {
  if (!reportsOrigins)
    return refuse(
      'no-origin',
      'This engine does not say which table a result column comes from: edit the table in its Data view',
    )
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

/** The result's edit target when the table's key (see tableKey) is in the result, or why it is not. */
export function resultEditTarget(table: ResultTable, key: TableKey | null): ResultEditTarget | Refused {
  const name = tableName(table.target)
  if (!key)
    return refuse('no-key', `${name} has neither a primary key nor a unique NOT NULL key to identify its rows by`)
  const indexOf = (column: string) => table.columns.findIndex((c) => 'column' in c && c.column === column)
  const keyIndexes = key.columns.map(indexOf)
  if (keyIndexes.every((i) => i >= 0))
    return { ...table, key: { columns: [...key.columns], source: key.source }, keyIndexes }
  const missing = key.columns.filter((column) => indexOf(column) < 0)
  const by = key.source === 'primary-key' ? 'its primary key' : 'a unique key'
  return refuse(
    'key-not-in-result',
    `Add ${missing.join(', ')} to the query to edit: ${name} identifies its rows by ${by} (${key.columns.join(', ')})`,
  )
}

/**
 * A result row as an edit's `original`: each editable column's value under its table column's
 * name (computed and repeated columns left out), so unedited values go back exactly as read.
 */
export function originalRow(table: ResultTable, row: readonly WireValue[]): Record<string, WireValue> {
  const original: Record<string, WireValue> = {}
  table.columns.forEach((c, i) => {
    if ('column' in c && i < row.length)
      Object.defineProperty(original, c.column, { value: row[i], enumerable: true, writable: true, configurable: true })
  })
  return original
}
