import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { engineDescriptor, type ColumnInfo, type EngineId } from '../../../shared/contract'
import { useApp } from '../app-context'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { TableNode, TreeNode } from '../tree/tree-model'
import { ImportColumns } from './import-columns'
import { buildPlan, initialChoices, tableNameOf, type ColumnChoice, type ImportTargetChoice } from './import-plan'
import { ImportSession } from './import-session'
import {
  DEFAULT_SOURCE_FIELDS,
  formatOfName,
  sourceOf,
  SourceFieldsView,
  type SourceFields,
} from './import-source-fields'
import { bytesText, meterText } from './import-text'
import { ImportOutcome } from './import-outcome'

/** Where an import goes: a schema or database (a new table), or an existing table. */
export interface ImportTarget {
  connectionId: string
  engine: EngineId
  database: string
  schema: string | null
  /** The tree node it was opened on (refreshed after an import). */
  node: TreeNode
  /** Into this table; absent: a new table. */
  table?: TableNode
}

/**
 * The import dialog: choose the file (main's open dialog on the desktop; an upload in browser mode),
 * how it is read, Analyse (the whole file) → every column's kind, format, NULLs, longest value and
 * problems, editable; then the table (new, or the mapping to an existing one), the error mode, a
 * dry run or the import, with a meter and Cancel; the result, the rejects file and Open table.
 */
export function ImportDialog(props: {
  target: ImportTarget
  /** A file already chosen (dropped on the tree in the desktop app). */
  initialPath?: string
  /** A file dropped on the tree in browser mode: uploaded at once. */
  initialFile?: File
  onOpenTable: (node: TableNode) => void
  onClose: () => void
}) {
  const { target, initialPath, initialFile, onOpenTable, onClose } = props
  const { client, tree } = useApp()
  const [session] = useState(() => new ImportSession(client, target.connectionId))
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const [host, setHost] = useState<'electron' | 'browser' | null>(null)
  const [fields, setFields] = useState<SourceFields>(DEFAULT_SOURCE_FIELDS)
  const [tableName, setTableName] = useState(target.table?.table.name ?? '')
  const [existing, setExisting] = useState<ColumnInfo[] | null>(null)
  const [choices, setChoices] = useState<ColumnChoice[]>([])
  const [onError, setOnError] = useState<'stop' | 'skip'>('skip')
  const [ranDry, setRanDry] = useState(false)
  const picker = useRef<HTMLInputElement>(null)
  const facts = engineDescriptor(target.engine).import
  const mode: ImportTargetChoice = useMemo(
    () =>
      target.table
        ? { mode: 'existing', table: target.table.table.name, columns: existing ?? [] }
        : { mode: 'new', table: tableName },
    [target.table, existing, tableName],
  )

  useEffect(() => {
    void client.call('app.info', {}).then((r) => setHost(r.ok ? r.value.host : 'browser'))
    const dropped = initialPath ?? initialFile?.name
    if (dropped) {
      setFields((f) => ({ ...f, format: formatOfName(dropped) }))
      if (!target.table) setTableName(tableNameOf(dropped))
    }
    if (initialPath) session.useFile(initialPath)
    else if (initialFile) void session.upload(initialFile)
    if (target.table) {
      const { schema, name } = target.table.table
      const input = { connectionId: target.connectionId, database: target.database, schema, table: name }
      void client.call('meta.tableSchema', input).then((r) => r.ok && setExisting(r.value.columns))
    }
    return () => void session.dispose()
    // Once per dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  // A new analysis brings fresh choices.
  useEffect(() => {
    if (state.analysis) setChoices(initialChoices(state.analysis, mode))
    // Only when the analysis (or the existing table's columns) change, not on each typed table name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.analysis, existing])

  const chosen = (name: string) => {
    setFields((f) => ({ ...f, format: formatOfName(name) }))
    if (!target.table) setTableName(tableNameOf(name))
    setRanDry(false)
  }
  const choose = async () => {
    if (host === 'electron') {
      const r = await client.call('import.choose', {})
      if (r.ok && r.value.path) {
        session.useFile(r.value.path)
        chosen(r.value.path)
      }
    } else picker.current?.click()
  }
  const busy = session.busy
  const built =
    state.analysis && choices.length === state.analysis.columns.length
      ? buildPlan({
          source: { ...sourceOf(fields), file: state.file?.path ?? '' },
          database: target.database,
          schema: target.table ? target.table.table.schema : target.schema,
          target: mode,
          choices,
          dryRun: false,
          onError,
        })
      : null
  const run = (dryRun: boolean) => {
    if (!built || !('plan' in built)) return
    setRanDry(dryRun)
    void session.run({ ...built.plan, dryRun })
  }
  const finished = async () => {
    if (!state.result || state.result.dryRun || state.result.stoppedAt) return
    // The new table shows under its schema (opened if it was closed), so Open table finds it.
    if (!target.table) await tree.expand(target.node)
    await tree.refreshLoaded(target.node)
  }
  useEffect(() => {
    void finished()
    // After each finished run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.result])

  const place = [target.table?.table.schema ?? target.schema ?? target.database].filter(Boolean).join('.')
  const title = target.table ? `Import into ${place}.${target.table.table.name}` : `Import into ${place}`
  const meterStep =
    state.step === 'uploading' || state.step === 'analysing' || state.step === 'running' ? state.step : null
  const fraction = state.meter && state.meter.total > 0 ? state.meter.done / state.meter.total : 0
  return (
    <ModalDialog title={title} testId={TID.importDialog} className="import-dialog" onClose={() => !busy && onClose()}>
      <div className="import-file-row">
        <button
          type="button"
          data-testid={TID.importChoose}
          disabled={busy || host === null}
          onClick={() => void choose()}
        >
          Choose file…
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          data-testid={TID.importFile}
          accept=".csv,.tsv,.txt,.ndjson,.jsonl,.xlsx"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (!file) return
            chosen(file.name)
            void session.upload(file)
          }}
        />
        <span className="import-file-name mono" title={state.file?.path}>
          {state.file ? state.file.name : <span className="muted">No file chosen</span>}
          {state.file && state.file.size > 0 ? <span className="muted"> · {bytesText(state.file.size)}</span> : null}
        </span>
      </div>
      <SourceFieldsView value={fields} disabled={busy} onChange={(patch) => setFields({ ...fields, ...patch })} />
      <div className="import-actions">
        <button
          type="button"
          className={state.analysis ? undefined : 'primary'}
          data-testid={TID.importAnalyse}
          disabled={busy || !state.file || state.step === 'choose'}
          onClick={() => void session.analyse(sourceOf(fields))}
        >
          {state.analysis ? 'Analyse again' : 'Analyse'}
        </button>
        {meterStep && state.meter ? (
          <div className="import-meter" data-testid={TID.importMeter} data-step={meterStep} role="status">
            <progress max={1} value={fraction} />
            <span>{meterText(meterStep, state.meter)}</span>
            <button type="button" data-testid={TID.importCancel} onClick={() => void session.cancel()}>
              Cancel
            </button>
          </div>
        ) : null}
      </div>
      {state.analysis && choices.length === state.analysis.columns.length ? (
        <>
          <p className="import-summary" data-testid={TID.importSummary} data-rows={state.analysis.rows}>
            Read the whole file: <strong>{state.analysis.rows.toLocaleString('en-US')}</strong> rows,{' '}
            {state.analysis.columns.length} columns
            {state.analysis.delimiter ? `, delimiter ${JSON.stringify(state.analysis.delimiter)}` : ''} in{' '}
            {(state.analysis.elapsedMs / 1000).toFixed(1)} s
            {state.analysis.ragged ? (
              <span className="import-warn"> · {state.analysis.ragged} rows with a different number of fields</span>
            ) : null}
          </p>
          <ImportColumns
            analysis={state.analysis}
            choices={choices}
            facts={facts!}
            existing={target.table ? (existing ?? []) : null}
            disabled={busy}
            onChange={(i, c) => setChoices(choices.map((old, j) => (j === i ? c : old)))}
          />
          <div className="import-target-row">
            {target.table ? null : (
              <label>
                New table{' '}
                <input
                  className="mono"
                  data-testid={TID.importTable}
                  value={tableName}
                  disabled={busy}
                  onChange={(e) => setTableName(e.target.value)}
                />
              </label>
            )}
            <label>
              On a bad row{' '}
              <select
                data-testid={TID.importOnError}
                value={onError}
                disabled={busy}
                onChange={(e) => setOnError(e.target.value as 'stop' | 'skip')}
              >
                <option value="skip">Skip it and report</option>
                <option value="stop">Stop at the first error</option>
              </select>
            </label>
            <span className="modal-spacer" />
            {built && 'problem' in built ? <span className="import-warn">{built.problem}</span> : null}
            <button
              type="button"
              data-testid={TID.importDryRun}
              disabled={busy || !built || !('plan' in built)}
              title="Runs everything in a transaction, then rolls it back"
              onClick={() => run(true)}
            >
              Dry run
            </button>
            <button
              type="button"
              className="primary"
              data-testid={TID.importRun}
              disabled={busy || !built || !('plan' in built)}
              onClick={() => run(false)}
            >
              Import
            </button>
          </div>
        </>
      ) : null}
      <ImportOutcome
        state={state}
        host={host}
        table={target.table ? `${place}.${target.table.table.name}` : `${place}.${tableName}`}
        ranDry={ranDry}
        {...(facts?.direct ? { loader: facts.direct.loader } : {})}
        onOpenTable={() => {
          const name = target.table?.table.name ?? tableName.trim()
          const node = target.table ?? tree.findTable(target.connectionId, target.database, name)
          if (node) {
            onOpenTable(node)
            onClose()
          }
        }}
      />
      <div className="modal-actions">
        <span className="modal-spacer" />
        <button type="button" data-testid={TID.importClose} disabled={busy} onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
