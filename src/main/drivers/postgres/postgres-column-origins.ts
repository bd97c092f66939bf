import type { ColumnOrigin } from '../../../shared/contract'
import type { PortalField } from './postgres-portal'

/** How long a result's columns wait for a lookup before going on without origins. */
export const ORIGIN_WAIT_MS = 1_000

/** Asks the server for the schema, table and column name of each (table OID, attribute number) pair, in order. */
export type ColumnOriginLookup = (
  database: string,
  tables: number[],
  columns: number[],
) => Promise<({ schema: string; table: string; column: string } | null)[]>

/**
 * The table column each result column reads, from RowDescription's table OID and attribute number
 * (zero for expressions: no lookup). One connection-wide cache per database, like TypeNames: at
 * most one catalog query per result, only for pairs not seen before; never per row. Only found
 * names are cached: a table made in a transaction not yet committed is looked up again later.
 */
export class ColumnOrigins {
  private readonly cache = new Map<string, ColumnOrigin>()

  /**
   * `waitMs`: the longest a result's columns wait for the lookup (the metadata session may be busy
   * with a long catalog call): then the result goes on without origins (read-only), and what the
   * lookup finds later is cached for the next result.
   */
  constructor(
    private readonly lookup: ColumnOriginLookup,
    private readonly waitMs = ORIGIN_WAIT_MS,
  ) {}

  /** Forgets every name (after this connection ran DDL: a table or column may have been renamed). */
  forget(): void {
    this.cache.clear()
  }

  async resolve(database: string, fields: readonly PortalField[]): Promise<(ColumnOrigin | null)[]> {
    const keyOf = (field: PortalField) => `${database}/${field.tableID}/${field.columnID}`
    const fromTable = (field: PortalField) => (field.tableID ?? 0) > 0 && (field.columnID ?? 0) > 0
    const missing = new Map<string, PortalField>()
    for (const field of fields) if (fromTable(field) && !this.cache.has(keyOf(field))) missing.set(keyOf(field), field)
    if (missing.size > 0) {
      const pending = [...missing.values()]
      const looked = this.lookup(
        database,
        pending.map((f) => f.tableID!),
        pending.map((f) => f.columnID!),
      ).then(
        (found) => pending.forEach((field, i) => found[i] && this.cache.set(keyOf(field), found[i])),
        // Origins only make a result editable: a failed lookup leaves it read-only, the query runs on.
        () => {},
      )
      let timer: NodeJS.Timeout | undefined
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.waitMs)))
      await Promise.race([looked, waited])
      clearTimeout(timer)
    }
    return fields.map((field) => (fromTable(field) ? (this.cache.get(keyOf(field)) ?? null) : null))
  }
}
