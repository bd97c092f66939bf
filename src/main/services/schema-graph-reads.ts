import type { SchemaGraphAroundQueries } from '../drivers/driver'
import type { BuiltTableQuery, WireValue } from '../../shared/contract'
import { text } from './schema-graph-rows'

export type Rows = readonly (readonly WireValue[])[]
/** Runs one catalog statement; its rows. */
export type RunCatalog = (query: BuiltTableQuery) => Promise<Rows>

/** The three filtered reads the graph around some tables is made of (rows as SchemaGraphAroundQueries'). */
export interface AroundReads {
  columnsOf(tables: readonly string[]): Promise<Rows>
  foreignKeysOf(tables: readonly string[]): Promise<Rows>
  columnsNamed(columns: readonly string[]): Promise<Rows>
}

/**
 * The reads, each one filtered statement; or, where the driver says a name filter saves no scan
 * (`wholeScans`), the keys and the `*_id` columns read once for the whole schema (at the first ask)
 * and filtered here as the statements would filter them (names compared lower-cased), so a second
 * ring costs no second scan.
 */
export function aroundReads(run: RunCatalog, queries: SchemaGraphAroundQueries, schema: string): AroundReads {
  const whole = queries.wholeScans
  if (!whole)
    return {
      columnsOf: (tables) => run(queries.columnsOf(tables)),
      foreignKeysOf: (tables) => run(queries.foreignKeysOf(tables)),
      columnsNamed: (columns) => run(queries.columnsNamed(columns)),
    }
  let keys: Promise<Rows> | null = null
  let idColumns: Promise<Rows> | null = null
  const lowered = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()))
  const has = (names: ReadonlySet<string>, value: WireValue | undefined) => names.has(text(value).toLowerCase())
  return {
    columnsOf: (tables) => run(queries.columnsOf(tables)),
    foreignKeysOf: async (tables) => {
      const names = lowered(tables)
      const rows = await (keys ??= run(whole.foreignKeys))
      // foreignKeys rows: name, table_name, column_name, ref_schema, ref_table, ref_column.
      return rows.filter((row) => has(names, row[1]) || (text(row[3]) === schema && has(names, row[4])))
    },
    columnsNamed: async (columns) => {
      const names = lowered(columns)
      const rows = await (idColumns ??= run(whole.idColumns))
      return rows.filter((row) => has(names, row[1]))
    },
  }
}
