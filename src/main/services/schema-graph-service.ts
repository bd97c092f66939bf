import { QuarryFailure } from '../../shared/contract'
import type { BuiltTableQuery, MethodInput, SchemaGraph } from '../../shared/contract'
import type { ConnectionService } from './connection-service'
import { readGraphAround, readWholeGraph } from './schema-graph-around'

/**
 * A schema's tables, columns and foreign keys: the driver's two catalog statements, assembled; with
 * `around`, only the graph around those tables (filtered statements where the driver has them).
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
  const run = async (query: BuiltTableQuery) =>
    (await connection.execute(query.sql, { database: input.database, params: query.params })).rows
  if (input.around) {
    const filtered = driver.schemaGraphAroundQueries?.(input.database, input.schema)
    return readGraphAround(run, queries, filtered, input.schema, input.around)
  }
  return readWholeGraph(run, queries, input.schema)
}
