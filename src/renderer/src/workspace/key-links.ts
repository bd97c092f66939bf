import type { ColumnCondition, ForeignKeyInfo, TableSchema } from '../../../shared/contract'
import type { WireValue } from '../../../shared/contract/values'

/**
 * A cell's value as the text a condition binds (main sends it as a parameter; the engine converts
 * it to the column's type). Null where a key cannot be matched: NULL, binary and document values.
 */
export function conditionValue(value: WireValue | undefined): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value.$ === 'int' || value.$ === 'float') return value.v
  return null
}

/**
 * The conditions `to[i] = value of from[i]` that find the rows at the other end of a key, or null
 * when one of the values is missing or cannot be matched (a NULL key references nothing).
 */
export function keyConditions(
  from: readonly string[],
  to: readonly string[],
  valueOf: (column: string) => WireValue | undefined,
): ColumnCondition[] | null {
  if (from.length === 0 || from.length !== to.length) return null
  const conditions: ColumnCondition[] = []
  for (let i = 0; i < from.length; i++) {
    const value = conditionValue(valueOf(from[i]!))
    if (value === null) return null
    conditions.push({ column: to[i]!, op: '=', value })
  }
  return conditions
}

/**
 * The result columns that hold a foreign key, each with its key (the first key it belongs to).
 * A composite key links from each of its columns, and only when all of them are in the result.
 */
export function linkedColumns(
  columns: readonly string[],
  keys: readonly ForeignKeyInfo[],
): Map<number, ForeignKeyInfo> {
  const linked = new Map<number, ForeignKeyInfo>()
  for (const key of keys) {
    const positions = key.columns.map((name) => columns.indexOf(name))
    if (positions.some((at) => at < 0)) continue
    for (const at of positions) if (!linked.has(at)) linked.set(at, key)
  }
  return linked
}

/** A foreign key of another table (or the same one) that references a table. */
export interface ReferencingKey {
  schema: string
  table: string
  key: ForeignKeyInfo
}

/** The foreign keys among these tables that reference `schema.table`, in table order. */
export function referencingKeys(tables: readonly TableSchema[], schema: string, table: string): ReferencingKey[] {
  return tables.flatMap((candidate) =>
    candidate.foreignKeys
      .filter((key) => key.referencedTable === table && key.referencedSchema === schema)
      .map((key) => ({ schema: candidate.schema, table: candidate.name, key })),
  )
}

/** How a referencing key is listed: the table, and its columns when the table has several keys to here. */
export function referencingLabel(ref: ReferencingKey, all: readonly ReferencingKey[]): string {
  const several = all.filter((other) => other.table === ref.table && other.schema === ref.schema).length > 1
  return several ? `${ref.table} (${ref.key.columns.join(', ')})` : ref.table
}
