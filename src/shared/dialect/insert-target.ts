import type { EngineId } from '../engines/engine-list'
import type { ResultColumn } from '../contract/model'
import { qualifiedName } from './quote-identifier'

/** Where INSERT statements of an exported result go: a table and the column each result column fills. */
export interface InsertTarget {
  schema: string | null
  table: string
  /** One table column per result column, in order. */
  columns: string[]
}

/**
 * The one table a result is read from, when the engine reports column origins and every result
 * column is a distinct column of that same table (a `SELECT a AS x FROM t` writes `t (a)`). Null
 * otherwise (an expression, a join, a repeated column, an engine that does not say): the INSERT
 * statements then name a placeholder table, which the export dialog says.
 */
export function insertTargetOf(columns: readonly ResultColumn[]): InsertTarget | null {
  const first = columns[0]?.origin
  if (!first) return null
  const seen = new Set<string>()
  for (const { origin } of columns) {
    if (!origin || origin.table !== first.table || origin.schema !== first.schema || seen.has(origin.column))
      return null
    seen.add(origin.column)
  }
  return { schema: first.schema, table: first.table, columns: [...seen] }
}

/** The target's quoted name in the engine's dialect. */
export const insertTableName = (engine: EngineId, target: Pick<InsertTarget, 'schema' | 'table'>): string =>
  qualifiedName(engine, target.schema, target.table)
