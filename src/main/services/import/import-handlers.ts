import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, relative, isAbsolute } from 'node:path'
import { DOWNLOAD_PATH, QuarryFailure } from '../../../shared/contract'
import type { FileFilter } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import type { DownloadTickets } from '../export/download-tickets'
import type { ImportService } from './import-service'
import type { UploadStore } from './upload-store'

/** The files the desktop's open dialog offers to import. */
const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'ndjson', 'jsonl', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
]

const invalid = (message: string, path?: string): QuarryFailure =>
  new QuarryFailure({ kind: 'invalid-input', message, ...(path ? { path } : {}) })

/**
 * import.*: analysis and runs (ImportService), the desktop's open dialog, and browser mode's
 * uploads (sliced PUTs to a ticket) and rejects-file downloads (one-time links).
 */
export function createImportHandlers(deps: {
  imports: ImportService
  dialogs?: { choosePath(filters: FileFilter[]): Promise<string | null> }
  downloads?: DownloadTickets
  uploads?: UploadStore
}): Pick<
  Handlers,
  | 'import.analyse'
  | 'import.start'
  | 'import.cancel'
  | 'import.upload'
  | 'import.discard'
  | 'import.rejects'
  | 'import.choose'
> {
  const { imports, dialogs, downloads, uploads } = deps
  return {
    'import.analyse': async ({ connectionId, importId, source }, client) =>
      imports.analyse(client, importId, connectionId, source),
    'import.start': async ({ connectionId, importId, plan }, client) => {
      imports.start(client, importId, connectionId, plan)
      return { importId }
    },
    'import.cancel': async ({ importId }, client) => ({ cancelled: await imports.cancel(client, importId) }),
    'import.choose': async () => {
      if (!dialogs) throw invalid('Browser mode has no open dialog: the file is uploaded from the page')
      return { path: await dialogs.choosePath(IMPORT_FILTERS) }
    },
    'import.upload': async ({ name, size }, client) => {
      if (!uploads) throw invalid('The desktop app reads the file where it is: choose it in the open dialog')
      return uploads.begin(client, name, size)
    },
    'import.discard': async ({ uploadId }, client) => ({
      removed: (await uploads?.discard(client, uploadId)) ?? false,
    }),
    'import.rejects': async ({ file }) => {
      if (!downloads) throw invalid('The desktop app shows the rejects file where it was written', 'file')
      // Only a file Quarry wrote in its rejects folder: never an arbitrary path.
      const inside = relative(imports.rejectsDir, file)
      if (!isAbsolute(file) || inside === '' || inside.startsWith('..') || isAbsolute(inside))
        throw invalid('Not a rejects file of an import', 'file')
      const size = await stat(file).then(
        (s) => s.size,
        () => null,
      )
      if (size === null) throw invalid('The rejects file is gone', 'file')
      const name = basename(file)
      const ticket = downloads.offer(
        (response) => {
          response.writeHead(200, {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Length': String(size),
            'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
          })
          createReadStream(file)
            .on('error', () => response.destroy())
            .pipe(response)
        },
        () => undefined,
      )
      return { download: `${DOWNLOAD_PATH}${ticket}` }
    },
  }
}
