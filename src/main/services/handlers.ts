import { CONNECTION_EXPORT_FILE_NAME, MAX_IMPORT_LENGTH, QuarryFailure } from '../../shared/contract'
import type { AppInfo, FileFilter } from '../../shared/contract'
import { pickerFiltersOf } from '../../shared/engines/engine-files'
import type { ConnectionService } from './connection-service'
import type { Handlers } from './dispatcher'
import { countRows, RunningCounts, schemaObjects } from './catalog-service'
import { EditService } from './edit-service'
import { schemaGraph } from './schema-graph-service'
import { explainStatement } from './explain-service'
import { createExportHandlers, type ChooseExportPath } from './export/export-handlers'
import type { DownloadTickets } from './export/download-tickets'
import type { HistoryStore } from './history-store'
import type { ExportService } from './export-service'
import type { ImportService } from './import/import-service'
import { createImportHandlers } from './import/import-handlers'
import type { UploadStore } from './import/upload-store'
import type { QueryService } from './query-service'
import { createQueryFileHandlers } from './queries/query-file-handlers'
import type { QueryDialogs } from './queries/query-file-handlers'
import type { QueryFolder } from './queries/query-folder'
import { rerunGuard, safeModeGuard } from './safe-mode'

/** The desktop's file dialogs, shown by main (browser mode has none: files travel as text). */
export interface FileDialogs {
  /** Asks where to save, writes the text there; the path, or null when cancelled. */
  saveText(defaultName: string, text: string): Promise<string | null>
  /** Asks for a file and reads it; its text, or null when cancelled. */
  openText(): Promise<string | null>
  /** Asks for a file to open with these type filters; its path, or null when cancelled. */
  choosePath(filters: FileFilter[]): Promise<string | null>
}
import type { TabSessions } from './sessions/tab-sessions'
import type { TabStore } from './tab-store'
import type { ErLayoutStore } from './er-layout-store'

/** Asks the user where to save an export (Electron's save dialog); null when dismissed. */
export type { ChooseExportPath }

/** Binds every contract method to the services that implement it. */
export function createHandlers(deps: {
  app: AppInfo
  connections: ConnectionService
  queries: QueryService
  sessions: TabSessions
  dialogs?: FileDialogs
  history: HistoryStore
  tabs: TabStore
  layouts: ErLayoutStore
  /** Where saved queries (.sql files) live; the desktop's dialogs choose inside it. */
  queryFolder: QueryFolder
  queryDialogs?: QueryDialogs
  exports: ExportService
  imports: ImportService
  /** Present in the desktop app: the file is chosen in main, never named by the renderer. */
  chooseExportPath?: ChooseExportPath
  /** Browser mode: one-time download links for exports. */
  downloads?: DownloadTickets
  /** Browser mode: files uploaded to import. */
  uploads?: UploadStore
}): Handlers {
  const { app, connections, queries, sessions, dialogs, history, tabs, layouts } = deps
  const queryFiles = createQueryFileHandlers(deps.queryFolder, deps.queryDialogs)
  const needDialogs = (): FileDialogs => {
    if (dialogs) return dialogs
    const message = 'This host has no file dialogs: in browser mode, connection files travel as text'
    throw new QuarryFailure({ kind: 'invalid-input', path: 'to', message })
  }
  const noPicker = (): never => {
    const message = "Browser mode has no file picker: type the file's path (on the machine Quarry runs on)"
    throw new QuarryFailure({ kind: 'invalid-input', path: 'engine', message })
  }
  const open = (connectionId: string) => connections.get(connectionId)
  const counts = new RunningCounts()
  const edits = new EditService(connections, sessions, (entry) => history.record(entry))
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
    'connections.export': async ({ to }) => {
      const { text, count } = connections.exportText()
      if (to === 'text') return { kind: 'text', text, count }
      return { kind: 'file', path: await needDialogs().saveText(CONNECTION_EXPORT_FILE_NAME, text), count }
    },
    'connections.import': async ({ text }) => {
      const chosen = text ?? (await needDialogs().openText())
      if (chosen === null) return { chosen: false, imported: [], rejected: [] }
      if (chosen.length > MAX_IMPORT_LENGTH) {
        const message = `That file is too large for a connection export (over ${MAX_IMPORT_LENGTH / 1024 / 1024} MiB)`
        throw new QuarryFailure({ kind: 'invalid-input', path: 'text', message })
      }
      return connections.importText(chosen)
    },
    'files.choose': async ({ engine }) => {
      if (!dialogs) return noPicker()
      return { path: await dialogs.choosePath(pickerFiltersOf(engine) ?? []) }
    },
    'meta.databases': async ({ connectionId }) => (await open(connectionId)).databases(),
    'meta.schemas': async ({ connectionId, database }) => (await open(connectionId)).schemas(database),
    'meta.tables': async ({ connectionId, database, schema }) => (await open(connectionId)).tables(database, schema),
    'meta.tableSchema': async ({ connectionId, database, schema, table }) =>
      (await open(connectionId)).tableSchema(database, schema, table),
    'meta.objects': async (input) => schemaObjects(connections, input),
    'meta.schemaGraph': async (input) => schemaGraph(connections, input),
    'er.loadLayout': async (input) => layouts.load(input),
    'er.saveLayout': async ({ layout, ...ref }) => {
      await layouts.save(ref, layout)
      return { saved: Object.keys(layout.positions).length }
    },
    'meta.countRows': async (input, client) => {
      const running = counts.start(client, input.countId)
      try {
        return await countRows(connections, input, running.signal)
      } finally {
        running.end()
      }
    },
    'meta.cancelCount': async ({ countId }, client) => ({ cancelled: counts.cancel(client, countId) }),
    'query.start': async (input, client) => {
      const { connectionId, queryId, sql, database, confirmedDangerous, confirmedWrite, sessionId, rowLimit } = input
      const driver = connections.driverFor(connectionId)
      // Safe mode: the server judges (read-only guard) where it can; MongoDB's shell forms here only read.
      const confirmation = { confirmedDangerous, ...(confirmedWrite === undefined ? {} : { confirmedWrite }) }
      const readOnlyGuard = safeModeGuard(driver, connections.summary(connectionId), sql, confirmation)
      // Taken now, so a second run on a busy tab is refused here rather than queued.
      const session = sessionId ? sessions.take(client, sessionId, { connectionId, database }) : undefined
      try {
        queries.start(client, open(connectionId), driver.engine, {
          queryId,
          sql,
          connectionId,
          rowLimit: rowLimit ?? null,
          ...(database ? { database } : {}),
          ...(readOnlyGuard ? { readOnlyGuard } : {}),
          // Under the read-only guard each statement runs in a transaction the driver opens and ends.
          ...(session ? { session, manualCommit: input.manualCommit === true && !readOnlyGuard } : {}),
        })
      } catch (error) {
        // Not started (a duplicate query id): the tab's session is free again at once.
        void session?.then((lease) => lease.release(0)).catch(() => {})
        throw error
      }
      return { queryId }
    },
    'table.query': async ({ connectionId, queryId, database, query, rowLimit, page }, client) => {
      const driver = connections.driverFor(connectionId)
      // A page: its condition, order and bounds from the table's key, read now (see table-pages).
      const pages = page ? (await open(connectionId)).pages : undefined
      const planned = page && pages ? await pages.plan(query, page, database) : undefined
      const built = driver.tableQuery(query, planned?.clauses)
      // Built here as one SELECT; under safe mode it still runs only as the server's read-only allows.
      const summary = connections.summary(connectionId)
      const readOnlyGuard = summary.safeMode ? rerunGuard(driver, summary, built.sql) : undefined
      queries.start(client, open(connectionId), driver.engine, {
        queryId,
        ...built,
        connectionId,
        rowLimit: rowLimit ?? null,
        ...(database ? { database } : {}),
        ...(readOnlyGuard ? { readOnlyGuard } : {}),
        ...(page?.columns ? { knownColumns: page.columns } : {}),
      })
      return { queryId, ...built, ...(planned ? { page: planned.info } : {}) }
    },
    'edits.preview': async (input, client) => edits.preview(input, client),
    'edits.apply': async (input, client) => edits.apply(client, input),
    'edits.cancel': async ({ applyId }, client) => ({ cancelled: await edits.cancel(client, applyId) }),
    'query.cancel': async ({ queryId }, client) => ({ cancelled: await queries.cancel(client, queryId) }),
    'query.ack': async ({ queryId, seq }, client) => {
      queries.ack(client, queryId, seq)
      return null
    },
    'query.limit': async ({ queryId, rowLimit }, client) => ({
      applied: queries.setRowLimit(client, queryId, rowLimit),
    }),
    'query.explain': async (input) => explainStatement(connections, input),
    'session.transaction': async ({ sessionId, action }, client) => sessions.transaction(client, sessionId, action),
    'session.close': async ({ sessionId, action }, client) => ({
      closed: await sessions.close(client, sessionId, action),
    }),
    'tabs.load': async () => tabs.load(),
    'tabs.save': async (input) => {
      await tabs.save(input)
      return { saved: input.tabs.length }
    },
    ...queryFiles,
    'history.search': async ({ query, connectionId, limit }) =>
      history.search(query, { ...(connectionId ? { connectionId } : {}), ...(limit ? { limit } : {}) }),
    'history.clear': async () => ({ cleared: history.clear() }),
    ...createExportHandlers(deps),
    ...createImportHandlers(deps),
  }
}
