import { useEffect, useRef, useState } from 'react'
import type { ConnectionSummary, QuarryError } from '../../../shared/contract'
import { useApp } from '../app-context'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { TreeAsk } from './tree-menu'
import { runConfirmed } from './tree-run'
import type { ConfirmedRun } from './tree-run'

/** Above this estimate (or with none), Count rows asks before reading the whole table. */
export const BIG_TABLE_ROWS = 100_000

type Phase =
  { step: 'asking' } | { step: 'running' } | { step: 'counted'; count: string } | { step: 'failed'; error: QuarryError }

/**
 * Asks before Count rows on a big table (showing the engine's estimate) and before Truncate or
 * Drop (showing the exact statement, which then runs through safe mode like an editor's run).
 */
export function TreeAskDialog(props: { ask: TreeAsk; connection: ConnectionSummary; onClose: () => void }) {
  const { ask, connection, onClose } = props
  const { client, router, tree } = useApp()
  const { table, database, connectionId } = ask.node
  const estimate = table.rowCount
  const big = ask.kind === 'count' && (estimate === null || (!table.rowCountExact && estimate >= BIG_TABLE_ROWS))
  const [phase, setPhase] = useState<Phase>(ask.kind === 'count' && !big ? { step: 'running' } : { step: 'asking' })
  const running = useRef<ConfirmedRun | null>(null)
  const counting = useRef<string | null>(null)

  const count = async (): Promise<void> => {
    setPhase({ step: 'running' })
    const countId = `count-${crypto.randomUUID()}`
    counting.current = countId
    const input = { connectionId, database, schema: table.schema, table: table.name, countId }
    const result = await client.call('meta.countRows', input)
    counting.current = null
    if (!result.ok) return setPhase({ step: 'failed', error: result.error })
    tree.setExactCount(ask.node, Number(result.value.count))
    setPhase({ step: 'counted', count: result.value.count })
  }
  const change = async (sql: string): Promise<void> => {
    setPhase({ step: 'running' })
    running.current = runConfirmed(client, router, { connectionId, database, sql })
    const error = await running.current.done
    running.current = null
    // The level the table is listed in: a dropped table leaves it, an emptied one shows its new count.
    await tree.refreshLoaded(tree.parentOf(ask.node) ?? ask.node)
    if (error) return setPhase({ step: 'failed', error })
    onClose()
  }
  // A small (or exactly known) table is counted at once, without asking.
  useEffect(() => {
    if (ask.kind === 'count' && !big) void count()
    // Once, for the table the dialog opened on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const name = `${table.schema}.${table.name}`
  const truncates = ask.kind === 'empty' && ask.sql.startsWith('TRUNCATE')
  const verb = ask.kind === 'drop' ? 'Drop' : truncates ? 'Truncate' : 'Delete all rows of'
  const title = ask.kind === 'count' ? `Count rows of ${name}` : `${verb} ${name}`
  // Closing while it runs stops it in the engine (the count, or the confirmed statement).
  const close = (): void => {
    running.current?.cancel()
    if (counting.current) void client.call('meta.cancelCount', { countId: counting.current })
    onClose()
  }
  return (
    <ModalDialog title={title} testId={TID.treeAskDialog} onClose={close}>
      {ask.kind === 'count' ? (
        <CountBody phase={phase} estimate={estimate} />
      ) : (
        <>
          <p>
            This runs on <strong>{connection.name}</strong>
            {connection.safeMode ? ' (safe mode: only this statement may write)' : ''} and cannot be undone:
          </p>
          <pre className="tree-ask-sql" data-testid={TID.treeAskSql}>
            {ask.sql}
          </pre>
        </>
      )}
      {phase.step === 'failed' ? (
        <div className="query-error" role="alert" data-testid={TID.treeAskError}>
          {phase.error.message}
        </div>
      ) : null}
      <div className="modal-actions">
        <span className="modal-spacer" />
        <button type="button" onClick={close} data-testid={TID.treeAskCancel} autoFocus={ask.kind !== 'count'}>
          {phase.step === 'counted' || phase.step === 'failed' ? 'Close' : 'Cancel'}
        </button>
        {phase.step === 'asking' ? (
          <button
            type="button"
            className={ask.kind === 'count' ? 'primary' : 'danger'}
            data-testid={TID.treeAskConfirm}
            onClick={() => void (ask.kind === 'count' ? count() : change(ask.sql))}
          >
            {ask.kind === 'count'
              ? 'Count exactly'
              : ask.kind === 'drop'
                ? 'Drop'
                : truncates
                  ? 'Truncate'
                  : 'Delete all rows'}
          </button>
        ) : null}
      </div>
    </ModalDialog>
  )
}

function CountBody(props: { phase: Phase; estimate: number | null }) {
  const { phase, estimate } = props
  if (phase.step === 'counted') {
    const rows = BigInt(phase.count)
    return (
      <p data-testid={TID.treeAskResult}>
        <strong>{rows.toLocaleString('en-US')}</strong> {rows === 1n ? 'row' : 'rows'} (exact count)
      </p>
    )
  }
  if (phase.step === 'running')
    return <p className="muted">Counting… (Cancel stops it; it stops by itself after a minute)</p>
  if (phase.step === 'failed') return null
  return (
    <p>
      {estimate === null
        ? 'The engine has no estimate for it.'
        : `The engine estimates about ${estimate.toLocaleString('en-US')} rows.`}{' '}
      An exact count reads the whole table, which can take a while on a big one.
    </p>
  )
}
