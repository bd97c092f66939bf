import { useRef, useState } from 'react'
import { CONNECTION_EXPORT_FILE_NAME } from '../../../shared/contract'
import type { AppInfo, ConnectionImportReport, QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { ContextMenu } from '../common/context-menu'
import { TID } from '../test-ids'

type Outcome =
  | { kind: 'report'; report: ConnectionImportReport }
  | { kind: 'note'; text: string }
  | { kind: 'error'; error: QuarryError }

/** Offers text as a file download (browser mode: the file never touches the server's disk). */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Export and Import of the saved connections (never any secret). The desktop app shows its own
 * file dialogs from main; browser mode downloads the export and uploads the import as text.
 */
export function ConnectionTransfer(props: {
  client: QuarryClient
  host: AppInfo['host'] | null
  onImported: () => void
}) {
  const { client, host, onImported } = props
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const picker = useRef<HTMLInputElement>(null)
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null)

  const exportAll = async (): Promise<void> => {
    const result = await client.call('connections.export', { to: host === 'electron' ? 'file' : 'text' })
    if (!result.ok) return setOutcome({ kind: 'error', error: result.error })
    const exported = result.value
    if (exported.kind === 'text') download(exported.text, CONNECTION_EXPORT_FILE_NAME)
    if (exported.kind === 'file' && exported.path === null) return setOutcome(null)
    const where = exported.kind === 'file' ? ` to ${exported.path}` : ''
    setOutcome({ kind: 'note', text: `Exported ${exported.count} connection(s)${where}, without passwords.` })
  }
  const importText = async (text?: string): Promise<void> => {
    const result = await client.call('connections.import', text === undefined ? {} : { text })
    if (!result.ok) return setOutcome({ kind: 'error', error: result.error })
    if (!result.value.chosen) return setOutcome(null)
    setOutcome({ kind: 'report', report: result.value })
    if (result.value.imported.length > 0) onImported()
  }

  return (
    <>
      <button
        type="button"
        data-testid={TID.connectionsMenu}
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect()
          setMenu({ x: box.left, y: box.bottom + 2 })
        }}
        title="Export or import the saved connections (never their passwords)"
      >
        Connections…
      </button>
      {menu ? (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={[
            { id: 'export', label: 'Export connections…', hint: 'no passwords', run: () => void exportAll() },
            {
              id: 'import',
              label: 'Import connections…',
              run: () => (host === 'electron' ? void importText() : picker.current?.click()),
            },
          ]}
        />
      ) : null}
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={TID.connectionsImportFile}
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) void file.text().then((text) => importText(text))
        }}
      />
      {outcome ? (
        <div className="transfer-report" role="status" data-testid={TID.connectionsTransferReport}>
          {outcome.kind === 'note' ? outcome.text : null}
          {outcome.kind === 'error' ? <span className="field-error">{outcome.error.message}</span> : null}
          {outcome.kind === 'report' ? <ImportSummary report={outcome.report} /> : null}
          <button type="button" onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  )
}

function ImportSummary({ report }: { report: ConnectionImportReport }) {
  return (
    <>
      Imported {report.imported.length} connection(s) (passwords are not part of an export).
      {report.imported.some((c) => c.renamedFrom) || report.rejected.length > 0 ? (
        <ul>
          {report.imported
            .filter((c) => c.renamedFrom)
            .map((c) => (
              <li key={c.id}>
                “{c.renamedFrom}” exists already: imported as “{c.name}”
              </li>
            ))}
          {report.rejected.map((r) => (
            <li key={r.index} className="field-error">
              Entry {r.index + 1}
              {r.name ? ` (“${r.name}”)` : ''} skipped: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
