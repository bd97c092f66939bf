import type { DriverConnection } from '../drivers/driver'
import type { SchemaGraph } from '../../shared/contract'

/** Schemas' graphs kept per connection: a few, the last used (a 2,000-table graph is a few MB). */
const KEPT_PER_CONNECTION = 4

interface Kept {
  epoch: string
  graph: SchemaGraph
}

/**
 * Whole schemas' graphs kept per connection, for engines that say when their catalog may have
 * changed (`catalogEpoch`): a graph is kept only when the epoch was the same before and after its
 * read, and given again only while the epoch still is. Engines that cannot say read every time.
 * Kept graphs go with their connection object (a reconnect reads again).
 */
export class SchemaGraphCache {
  private readonly kept = new WeakMap<DriverConnection, Map<string, Kept>>()

  /** The graph of `database`.`schema`: the kept one if the catalog is unchanged, else `read()`. */
  async whole(
    connection: DriverConnection,
    database: string,
    schema: string,
    read: () => Promise<SchemaGraph>,
  ): Promise<SchemaGraph> {
    if (!connection.catalogEpoch) return read()
    const key = `${database}\u0000${schema}`
    const before = await connection.catalogEpoch(database)
    if (before === null) return read()
    const graphs = this.kept.get(connection) ?? new Map<string, Kept>()
    const found = graphs.get(key)
    if (found?.epoch === before) {
      // Most recently used last.
      graphs.delete(key)
      graphs.set(key, found)
      return found.graph
    }
    const graph = await read()
    const after = await connection.catalogEpoch(database)
    graphs.delete(key)
    if (after === before) {
      graphs.set(key, { epoch: before, graph })
      while (graphs.size > KEPT_PER_CONNECTION) graphs.delete(graphs.keys().next().value!)
      this.kept.set(connection, graphs)
    }
    return graph
  }
}
