import { QuarryFailure } from '../../shared/contract'
import type { AppInfo, ExportFormat } from '../../shared/contract'
import { qualifiedName } from '../../shared/dialect/quote-identifier'
import type { ConnectionService } from './connection-service'
import type { Handlers } from './dispatcher'
import { validateExportPath } from './export/export-path'
import type { ExportService } from './export-service'
import type { QueryService } from './query-service'

/** Asks the user where to save an export (Electron's save dialog); null when dismissed. */
export type ChooseExportPath = (format: ExportFormat) => Promise<string | null>

/** Binds every contract method to the services that implement it. */
export function createHandlers(deps: {
  app: AppInfo
  connections: ConnectionService
  queries: QueryService
  exports: ExportService
  /** Present in the desktop app: the file is chosen in main, never named by the renderer. */
  chooseExportPath?: ChooseExportPath
}): Handlers {
  const { app, connections, queries, exports, chooseExportPath } = deps
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
      queries.start(client, open(connectionId), engine, { queryId, sql, ...(database ? { database } : {}) })
      return { queryId }
    },
    'query.cancel': async ({ queryId }, client) => ({ cancelled: await queries.cancel(client, queryId) }),
    'query.ack': async ({ queryId, seq }, client) => {
      queries.ack(client, queryId, seq)
      return null
    },
    'export.start': async (input, client) => {
      const engine = connections.driverFor(input.connectionId).engine
      const fail = (message: string) => new QuarryFailure({ kind: 'invalid-input', message, path: 'path' })
      let path: string | null
      if (chooseExportPath) {
        if (input.path) throw fail('In the desktop app the export file is chosen in the save dialog')
        path = await chooseExportPath(input.format)
        if (!path) return { queryId: input.queryId, path: null }
      } else {
        if (!input.path) throw fail('Type the absolute path of the file to export to')
        path = await validateExportPath(input.path, input.overwrite ?? false)
      }
      const table = input.table ? qualifiedName(engine, input.table.schema, input.table.name) : null
      const { queryId, sql, format, database } = input
      exports.start(client, open(input.connectionId), engine, {
        queryId,
        sql,
        format,
        path,
        table,
        ...(database ? { database } : {}),
      })
      return { queryId, path }
    },
    'export.cancel': async ({ queryId }, client) => ({ cancelled: await exports.cancel(client, queryId) }),
  }
}
