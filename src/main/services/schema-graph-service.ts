import { QuarryFailure } from '../../shared/contract'
import type { BuiltTableQuery, MethodInput, SchemaGraph } from '../../shared/contract'
import type { ConnectionService } from './connection-service'
import { readGraphAround, readWholeGraph } from './schema-graph-around'
import { SchemaGraphCache } from './schema-graph-cache'

/** Graphs kept for engines whose catalog only Quarry can change (see SchemaGraphCache). */
const kept = new SchemaGraphCache()

/**
 * A schema's tables, columns and foreign keys: the driver's two catalog statements, assembled; with
 * `around`, only the graph around those tables (filtered statements where the driver has them,
 * else the whole schema's graph, kept while the engine says its catalog is unchanged, cut down).
 * The statements run where the connection runs its catalog calls when it can (no query session).
 */
export async function schemaGraph(
  connections: ConnectionService,
  input: MethodInput<'meta.schemaGraph'>,
): Promise<SchemaGraph> {
  const driver = connections.driverFor(input.connectionId)
  const queries = driver.schemaGraphQueries?.(input.database, input.schema)
  if (!queries) {
    throw new QuarryFailure({
      kind: 'invalid-input',
      engine: driver.engine,
      message: `${driver.name} has no ER diagram`,
    })
  }
  const connection = await connections.get(input.connectionId)
  const { database, schema, around } = input
  const run = connection.catalogRows
    ? (query: BuiltTableQuery) => connection.catalogRows!(database, query)
    : async (query: BuiltTableQuery) => (await connection.execute(query.sql, { database, params: query.params })).rows
  const whole = () => kept.whole(connection, database, schema, () => readWholeGraph(run, queries, schema))
  if (!around) return whole()
  return readGraphAround(run, whole, driver.schemaGraphAroundQueries?.(database, schema), schema, around)
}
