import { countText } from '../../../shared/formats/count-text'
import type { ExportState } from './export-run'
import { formatElapsed } from './run-format'

/** The export panel's status line: what will happen, progress, or how the export ended. */
export function describeExport(state: ExportState, download: boolean, script = false): string {
  const rows = countText(state.rowsWritten, 'row')
  const size = `${(state.bytesWritten / 1048576).toFixed(1)} MiB`
  switch (state.status) {
    case 'idle':
      if (script)
        return download
          ? 'The whole script runs again on the server; every result streams into the download.'
          : 'The whole script runs again on the server; every result goes straight to its file or sheet.'
      return download
        ? 'The statement runs again on the server; rows stream straight into the download.'
        : 'The statement runs again on the server; rows go straight to the file.'
    case 'starting':
      return 'Starting…'
    case 'running':
      return `${rows} written · ${size}`
    case 'done':
      return state.files
        ? `Exported ${rows} (${size}) to ${state.files.length} files: ${state.files.join(', ')} in ${formatElapsed(state.elapsedMs)}`
        : `Exported ${rows} (${size}) to ${state.path} in ${formatElapsed(state.elapsedMs)}`
    case 'cancelled':
      return download
        ? `Cancelled after ${rows}; the download was stopped unfinished`
        : `Cancelled after ${rows}; no file was left at ${state.path}`
    case 'error':
      return `Export failed: ${state.error?.message ?? 'unknown error'}`
  }
}
