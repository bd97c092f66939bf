import type { AppInfo } from '../shared/contract'
import { createDriverRegistry } from './drivers/registry'
import { ConnectionService, sampleConnection } from './services/connection-service'
import { ConnectionStore } from './services/connection-store'
import { createDispatcher } from './services/dispatcher'
import type { Dispatch } from './services/dispatcher'
import { ExportService } from './services/export-service'
import { createHandlers, type ChooseExportPath } from './services/handlers'
import { QueryService } from './services/query-service'

export interface AppServicesOptions {
  host: AppInfo['host']
  version: string
  /** Path of the bundled sample database. */
  sampleDb: string
  /**
   * Where saved connections are kept (Electron: userData; browser mode: QUARRY_DATA_DIR or
   * ~/.config/quarry). Without one, connections saved in this run are kept in memory only.
   */
  dataDir?: string
  /** Path of the built SQLite engine process script (defaults to the one beside main). */
  sqliteHostScript?: string
  /** The desktop app's save dialog for exports; without it (browser mode) the user types a path. */
  chooseExportPath?: ChooseExportPath
}

/** Everything a transport needs: one dispatcher, and a way to shut down cleanly. */
export interface AppServices {
  dispatch: Dispatch
  close(): Promise<void>
}

/** The composition root shared by Electron and browser mode: one implementation, two transports. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const drivers = createDriverRegistry(options.sqliteHostScript ? { sqliteHostScript: options.sqliteHostScript } : {})
  const store = new ConnectionStore(options.dataDir ?? null)
  const connections = new ConnectionService([sampleConnection(options.sampleDb)], store, drivers)
  const queries = new QueryService()
  const exports = new ExportService()
  const app: AppInfo = { name: 'Quarry', version: options.version, host: options.host }
  const chooseExportPath = options.chooseExportPath
  const dispatch = createDispatcher(
    createHandlers({ app, connections, queries, exports, ...(chooseExportPath ? { chooseExportPath } : {}) }),
  )
  return {
    dispatch,
    async close() {
      await Promise.all([queries.cancelAll(), exports.cancelAll()])
      await connections.closeAll()
    },
  }
}
