import { useApp } from '../app-context'
import { TID } from '../test-ids'
import type { ImportState } from './import-session'
import { resultText } from './import-text'

/** The end of a run: what it wrote, the rejects file (a download in browser mode), Open table; or the error. */
export function ImportOutcome(props: {
  state: ImportState
  host: 'electron' | 'browser' | null
  table: string
  ranDry: boolean
  /** The engine's loader of files (COPY), where it has one. */
  loader?: string
  onOpenTable: () => void
}) {
  const { state, host, table, onOpenTable } = props
  const { client } = useApp()
  if (state.step === 'failed' && state.error)
    return (
      <div className="query-error" role="alert" data-testid={TID.importError}>
        {state.error.message}
      </div>
    )
  const result = state.result
  if (state.step !== 'done' || !result) return null
  const rejects = result.rejectsFile
  const download = async () => {
    if (!rejects) return
    const r = await client.call('import.rejects', { file: rejects })
    if (!r.ok) return
    const link = document.createElement('a')
    link.href = r.value.download
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
  }
  const kept = !result.dryRun && !result.stoppedAt
  return (
    <div
      className={`import-result ${result.stoppedAt ? 'import-result-stopped' : ''}`}
      role="status"
      data-testid={TID.importResult}
      data-written={result.rowsWritten}
      data-rejected={result.rejected}
      data-dry-run={result.dryRun}
    >
      <span>{resultText(result, table, props.loader)}</span>
      {rejects ? (
        host === 'browser' ? (
          <button type="button" data-testid={TID.importRejects} onClick={() => void download()}>
            Download rejects ({result.rejected.toLocaleString('en-US')})
          </button>
        ) : (
          <span
            className="mono import-rejects-path"
            data-testid={TID.importRejects}
            title="Rejected rows, each with its reason"
          >
            Rejects: {rejects}
          </span>
        )
      ) : null}
      {kept ? (
        <button type="button" className="primary" data-testid={TID.importOpenTable} onClick={onOpenTable}>
          Open table
        </button>
      ) : null}
    </div>
  )
}
