import { DOWNLOAD_PATH, EXPORT_FORMAT_INFO, QuarryFailure } from '../../../shared/contract'
import type { ExportFormat } from '../../../shared/contract'
import { qualifiedName } from '../../../shared/dialect/quote-identifier'
import type { ConnectionService } from '../connection-service'
import type { Handlers } from '../dispatcher'
import type { ExportService, StartExport } from '../export-service'
import { rerunGuard } from '../safe-mode'
import { DownloadSink } from './download-sink'
import type { DownloadTickets } from './download-tickets'
import { fileExists, validateExportPath } from './export-path'

/** Main's save dialog for an export of this format (`archive`: a .zip of a file per result). */
export type ChooseExportPath = (format: ExportFormat, archive?: boolean) => Promise<string | null>

/** Content types of downloads, by format. */
const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  sql: 'application/sql; charset=utf-8',
}
const ZIP_CONTENT_TYPE = 'application/zip'

/**
 * export.start and export.cancel. Where the file goes: main's save dialog (desktop app), a path
 * typed by the user on the machine Quarry runs on, or (browser mode) a browser download: a
 * one-time link the page opens, whose GET the export streams into.
 */
export function createExportHandlers(deps: {
  connections: ConnectionService
  exports: ExportService
  /** Present in the desktop app: the file is chosen in main, never named by the renderer. */
  chooseExportPath?: ChooseExportPath
  /** Present in browser mode: one-time download links served by the browser server. */
  downloads?: DownloadTickets
}): Pick<Handlers, 'export.start' | 'export.cancel'> {
  const { connections, exports, chooseExportPath, downloads } = deps
  const fail = (message: string, path = 'path') => new QuarryFailure({ kind: 'invalid-input', message, path })
  return {
    'export.start': async (input, client) => {
      const driver = connections.driverFor(input.connectionId)
      const { engine } = driver
      // A table Data view's export: main builds its statement again, values as parameters.
      const built = input.tableQuery ? driver.tableQuery(input.tableQuery) : { sql: input.sql ?? '', params: undefined }
      // Export runs the statement again: only what the server accepts as read-only.
      const readOnlyGuard = rerunGuard(driver, connections.summary(input.connectionId), built.sql)
      const source =
        input.table ?? (input.tableQuery && { schema: input.tableQuery.schema, name: input.tableQuery.table })
      const table = source ? qualifiedName(engine, source.schema, source.name) : null
      const { queryId, format, database } = input
      const every = input.allResults === true && !input.tableQuery
      // Every result of a text format as one .zip: asked for, or a download (one file per download).
      const archive = every && format !== 'xlsx' && (input.archive === true || input.destination === 'download')
      const request = (path: string, overwrite: boolean): StartExport => ({
        queryId,
        sql: built.sql,
        ...(built.params ? { params: built.params } : {}),
        format,
        path,
        table,
        ...(input.options ? { options: input.options } : {}),
        overwrite,
        ...(database ? { database } : {}),
        ...(readOnlyGuard ? { readOnlyGuard } : {}),
        ...(every ? { allResults: true } : {}),
        ...(archive ? { archive: true } : {}),
        ...(source ? { sheetName: source.name } : {}),
      })
      const connection = () => connections.get(input.connectionId)
      if (input.destination === 'download') {
        if (!downloads) throw fail('The desktop app saves exports through its save dialog', 'destination')
        if (input.path) throw fail('A download is named by the browser: give no path')
        const extension = archive ? 'zip' : EXPORT_FORMAT_INFO[format].extension
        const name = `${source?.name ?? (every ? 'results' : 'result')}.${extension}`
        const contentType = archive ? ZIP_CONTENT_TYPE : CONTENT_TYPES[format]
        const ticket = downloads.offer(
          (response) =>
            exports.start(client, connection(), engine, {
              ...request(name, false),
              download: (onFailure) => new DownloadSink(response, name, contentType, onFailure),
            }),
          () =>
            client.emit('export.end', {
              queryId,
              outcome: 'error',
              rowsWritten: 0,
              bytesWritten: 0,
              path: name,
              elapsedMs: 0,
              error: { kind: 'invalid-input', message: 'The browser did not start the download; nothing was run' },
            }),
        )
        return { queryId, path: name, download: `${DOWNLOAD_PATH}${ticket}` }
      }
      let path: string | null
      let overwrite = input.overwrite ?? false
      if (chooseExportPath) {
        if (input.path) throw fail('In the desktop app the export file is chosen in the save dialog')
        path = await (archive ? chooseExportPath(input.format, true) : chooseExportPath(input.format))
        if (!path) return { queryId, path: null }
        // The dialog asked before replacing a file that was there; a new name is claimed exclusively.
        // (Numbered files of every result were not shown in the dialog: they are never replaced.)
        overwrite = (!every || format === 'xlsx' || archive) && (await fileExists(path))
      } else {
        if (!input.path) throw fail('Type the absolute path of the file to export to')
        path = await validateExportPath(input.path, input.overwrite ?? false)
      }
      exports.start(client, connection(), engine, request(path, overwrite))
      return { queryId, path }
    },
    'export.cancel': async ({ queryId }, client) => ({ cancelled: await exports.cancel(client, queryId) }),
  }
}
