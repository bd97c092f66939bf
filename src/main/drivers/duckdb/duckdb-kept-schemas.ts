import type { TableSchema } from '../../../shared/contract/model'

/** Structures kept at most: the tables a user has open, and then some. */
const KEPT_TABLES = 256

/**
 * Tables' structures kept while the host's catalog epoch stands (see CatalogEpoch). DuckDB's
 * catalog functions read every table's entries whatever the filter — 60–140 ms apiece at 10,000
 * tables — and a table's Data view asks for its structure at every page; while nothing could have
 * changed the catalog, the last answer is the answer. Only for DuckDB's own databases (`epochOf`
 * answers null for an ATTACHed one another program can change).
 */
export class KeptTableSchemas {
  private epoch: string | null = null
  private readonly kept = new Map<string, TableSchema>()
  /** Answers given from what was kept, for diagnostics and tests. */
  hits = 0

  constructor(private readonly epochOf: (database: string) => Promise<string | null>) {}

  async get(database: string, schema: string, table: string, read: () => Promise<TableSchema>): Promise<TableSchema> {
    const before = await this.epochOf(database)
    if (before === null) return read()
    if (before !== this.epoch) {
      this.kept.clear()
      this.epoch = before
    }
    const key = JSON.stringify([database, schema, table])
    const found = this.kept.get(key)
    if (found) {
      this.hits++
      return found
    }
    const value = await read()
    if ((await this.epochOf(database)) === before && this.epoch === before) {
      if (this.kept.size >= KEPT_TABLES) this.kept.delete(this.kept.keys().next().value!)
      this.kept.set(key, value)
    }
    return value
  }
}
