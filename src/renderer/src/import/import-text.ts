import type { ImportMeter } from './import-session'
import type { ImportResult } from '../../../shared/contract'

const n = (x: number): string => x.toLocaleString('en-US')

/** "3.2 MB" */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = bytes / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

/** "about 12 s left", "about 3 min left" */
export function etaText(seconds: number | null): string {
  if (seconds === null) return ''
  if (seconds < 1) return 'almost done'
  if (seconds < 90) return `about ${Math.ceil(seconds)} s left`
  return `about ${Math.round(seconds / 60)} min left`
}

/** The meter's line: what moved, how fast, how long still. */
export function meterText(step: 'uploading' | 'analysing' | 'running', m: ImportMeter): string {
  const part = m.total > 0 ? `${bytesText(m.done)} of ${bytesText(m.total)}` : ''
  const eta = etaText(m.etaSeconds)
  if (step === 'uploading') return ['Uploading', part, eta].filter(Boolean).join(' · ')
  const verb = step === 'analysing' ? 'Reading' : 'Writing'
  const rows = `${n(m.rows)} rows`
  const rate = m.rowsPerSecond > 0 ? `${n(m.rowsPerSecond)} rows/s` : ''
  const rejected = m.rejected ? `${n(m.rejected)} rejected` : ''
  return [`${verb} ${rows}`, rejected, rate, part, eta].filter(Boolean).join(' · ')
}

/** What a finished run did, in one sentence; `loader`: the engine's loader of files (COPY), if it has one. */
export function resultText(result: ImportResult, table: string, loader?: string): string {
  const how = result.path === 'file' ? `loaded by ${loader ?? 'the engine'} from the file` : 'row by row'
  const secs = `${(result.elapsedMs / 1000).toFixed(1)} s, ${how}`
  if (result.stoppedAt)
    return `Stopped at row ${n(result.stoppedAt.row)}: ${result.stoppedAt.reason}. Nothing was written.`
  const rejected = result.rejected ? `, ${n(result.rejected)} rejected` : ''
  if (result.dryRun)
    return `Dry run: ${n(result.rowsWritten)} rows would be written into ${table}${rejected} (${secs}). Everything was rolled back.`
  return `Imported ${n(result.rowsWritten)} rows into ${table}${rejected} (${secs}).`
}
