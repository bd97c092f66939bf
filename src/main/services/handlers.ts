import type { AppInfo } from '../../shared/contract'
import type { ConnectionService } from './connection-service'
import type { Handlers } from './dispatcher'
import { explainStatement } from './explain-service'
import type { HistoryStore } from './history-store'
import type { QueryService } from './query-service'
import type { TabStore } from './tab-store'

/** Binds every contract method to the services that implement it. */
export function createHandlers(deps: {
  app: AppInfo
  connections: ConnectionService
  queries: QueryService
  history: HistoryStore
  tabs: TabStore
}): Handlers {
  const { app, connections, queries, history, tabs } = deps
  const open = (connectionId: string) => connections.get(connectionId)
  return {
    'app.info': async () => app,
    'connections.list': async () => connections.list(),
    'connections.serverInfo': async ({ connectionId }) => (await open(connectionId)).serverInfo(),
    'connections.engines': async () => connections.engines(),
    'connections.status': async () => connections.status(),
    'connections.get': async ({ connectionId }) => connections.saved(connectionId),
    'connections.save': async (input) => connections.save(input),
    'connections.delete': async ({ connectionId }) => {
      await connections.delete(connectionId)
      return { deleted: true }
    },
    'connections.test': async (input) => connections.test(input),
    'meta.databases': async ({ connectionId }) => (await open(connectionId)).databases(),
    'meta.schemas': async ({ connectionId, database }) => (await open(connectionId)).schemas(database),
    'meta.tables': async ({ connectionId, database, schema }) => (await open(connectionId)).tables(database, schema),
    'meta.tableSchema': async ({ connectionId, database, schema, table }) =>
      (await open(connectionId)).tableSchema(database, schema, table),
    'query.start': async ({ connectionId, queryId, sql, database }, client) => {
      const engine = connections.driverFor(connectionId).engine
      queries.start(client, open(connectionId), engine, {
        queryId,
        sql,
        connectionId,
        ...(database ? { database } : {}),
      })
      return { queryId }
    },
    'query.cancel': async ({ queryId }, client) => ({ cancelled: await queries.cancel(client, queryId) }),
    'query.ack': async ({ queryId, seq }, client) => {
      queries.ack(client, queryId, seq)
      return null
    },
    'query.explain': async (input) => explainStatement(connections, input),
    'tabs.load': async () => tabs.load(),
    'tabs.save': async (input) => {
      await tabs.save(input)
      return { saved: input.tabs.length }
    },
    'history.search': async ({ query, connectionId, limit }) =>
      history.search(query, { ...(connectionId ? { connectionId } : {}), ...(limit ? { limit } : {}) }),
    'history.clear': async () => ({ cleared: history.clear() }),
  }
}
