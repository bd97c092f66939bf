import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { AppInfo } from '../shared/contract'
import { createDriverRegistry } from './drivers/registry'
import { ConnectionService, sampleConnection } from './services/connection-service'
import { ConnectionStore } from './services/connection-store'
import { createDispatcher } from './services/dispatcher'
import type { Dispatch } from './services/dispatcher'
import type { SecretCodec } from './services/secrets/secret-codec'
import { HistoryStore } from './services/history-store'
import { ExportService } from './services/export-service'
import { ImportService } from './services/import/import-service'
import { DownloadTickets } from './services/export/download-tickets'
import { UploadStore } from './services/import/upload-store'
import { ExportJournal } from './services/export/export-journal'
import { sweepStateTemporaries } from './services/leftover-sweep'
import { TabSessions } from './services/sessions/tab-sessions'
import { createHandlers, type ChooseExportPath, type FileDialogs } from './services/handlers'
import { QueryService } from './services/query-service'
import type { FinishedRun } from './services/query-service'
import { TabStore } from './services/tab-store'
import { ErLayoutStore } from './services/er-layout-store'
import { useNodeUtf8 } from './node-utf8'
import { QueryFolder } from './services/queries/query-folder'
import type { QueryDialogs } from './services/queries/query-file-handlers'

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
  /**
   * How saved secrets are encoded: the desktop passes the OS keychain's (safeStorage); the default
   * (browser mode) keeps them as text in a file only the user can read (0600).
   */
  secretCodec?: SecretCodec
  /** The desktop's file dialogs (export/import); browser mode has none. */
  dialogs?: FileDialogs
  /** Where saved queries live until the user chooses a folder (default: `queries` in the data directory). */
  queriesDir?: string
  /** The desktop's dialogs for saved queries (browser mode: the folder given at start, names typed). */
  queryDialogs?: QueryDialogs
  /** The desktop app's save dialog for exports; without it (browser mode) the user types a path. */
  chooseExportPath?: ChooseExportPath
}

/** Everything a transport needs: one dispatcher, and a way to shut down cleanly. */
export interface AppServices {
  dispatch: Dispatch
  /** Browser mode: the export downloads the browser server hands out (null in the desktop app). */
  downloads: DownloadTickets | null
  /** Browser mode: files the pages upload to import (null in the desktop app). */
  uploads: UploadStore | null
  close(): Promise<void>
}

/** The composition root shared by Electron and browser mode: one implementation, two transports. */
export function createAppServices(options: AppServicesOptions): AppServices {
  useNodeUtf8()
  const drivers = createDriverRegistry(options.sqliteHostScript ? { sqliteHostScript: options.sqliteHostScript } : {})
  const store = new ConnectionStore(options.dataDir ?? null, options.secretCodec)
  const connections = new ConnectionService([sampleConnection(options.sampleDb)], store, drivers)
  const history = new HistoryStore(options.dataDir ?? null)
  const tabs = new TabStore(options.dataDir ?? null)
  const layouts = new ErLayoutStore(options.dataDir ?? null)
  const dataDir = options.dataDir ?? null
  const queryFolder = new QueryFolder(options.queriesDir ?? (dataDir ? join(dataDir, 'queries') : null), dataDir)
  const queries = new QueryService((run) => recordRun(history, run))
  const sessions = new TabSessions(connections)
  // Files a crash left in the data directory (state temporaries, exports in progress) go now.
  const journal = options.dataDir ? new ExportJournal(options.dataDir) : null
  const exports = new ExportService(journal ? { journal } : {})
  const imports = new ImportService(connections, join(dataDir ?? tmpdir(), 'import-rejects'))
  const leftovers = options.dataDir ? sweepStateTemporaries(options.dataDir) : Promise.resolve([])
  const app: AppInfo = { name: 'Quarry', version: options.version, host: options.host }
  const chooseExportPath = options.chooseExportPath
  const downloads = options.host === 'browser' ? new DownloadTickets() : null
  const uploads = options.host === 'browser' ? new UploadStore(join(dataDir ?? tmpdir(), 'import-uploads')) : null
  const uploadLeftovers = uploads?.sweep() ?? Promise.resolve([])
  const dispatch = createDispatcher(
    createHandlers({
      app,
      connections,
      queries,
      sessions,
      history,
      tabs,
      layouts,
      queryFolder,
      ...(options.queryDialogs ? { queryDialogs: options.queryDialogs } : {}),
      exports,
      imports,
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
      ...(chooseExportPath ? { chooseExportPath } : {}),
      ...(downloads ? { downloads } : {}),
      ...(uploads ? { uploads } : {}),
    }),
  )
  return {
    dispatch,
    downloads,
    uploads,
    async close() {
      await Promise.all([queries.cancelAll(), exports.cancelAll(), imports.cancelAll(), leftovers, journal?.swept])
      await Promise.all([uploadLeftovers, uploads?.closeAll()])
      await sessions.closeAll()
      await history.flush()
      await connections.closeAll()
    },
  }
}

function recordRun(history: HistoryStore, { request, engine, startedAt, end }: FinishedRun): void {
  if (!request.connectionId) return
  history.record({
    connectionId: request.connectionId,
    engine,
    sql: request.sql,
    startedAt: startedAt.toISOString(),
    elapsedMs: end.elapsedMs,
    rowCount: end.rowCount,
    affectedRows: end.affectedRows,
    outcome: end.outcome,
    error: end.error
      ? { kind: end.error.kind, message: end.error.message, ...(end.error.code ? { code: end.error.code } : {}) }
      : null,
  })
}
