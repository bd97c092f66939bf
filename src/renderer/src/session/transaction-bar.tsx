import { useEffect, useState, useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import type { SessionStore } from './session-store'
import { transactionText } from './transaction-text'
import './session.css'

/**
 * A query tab's transaction, as the server reports it: commit mode (auto / manual), a badge while
 * a transaction is open (its age and statements, growing older while idle) or failed, and Commit /
 * Rollback (Mod+Alt+Enter / Mod+Alt+Backspace in the editor).
 */
export function TransactionBar(props: {
  sessions: SessionStore
  tabId: string
  manualCommit: boolean
  running: boolean
  /** Why the commit mode cannot be changed (safe mode, read-only), or null. */
  lockedReason?: string | null
}) {
  const { sessions, tabId, manualCommit, running, lockedReason = null } = props
  useSyncExternalStore(sessions.subscribe, sessions.getVersion)
  const view = sessions.view(tabId)
  const { transaction } = view.state
  const now = useNow(transaction !== 'idle')
  const text = transactionText(view.state, now)
  const busy = running || view.ending
  return (
    <span className="transaction-bar">
      <select
        data-testid={TID.commitMode}
        className="commit-mode"
        value={manualCommit ? 'manual' : 'auto'}
        disabled={lockedReason !== null}
        onChange={(event) => sessions.setManualCommit(tabId, event.target.value === 'manual')}
        title={
          lockedReason ??
          'Auto-commit: each statement commits unless you BEGIN. Manual: a run opens a transaction that stays open until Commit or Rollback.'
        }
      >
        <option value="auto">Auto-commit</option>
        <option value="manual">Manual commit</option>
      </select>
      {text ? (
        <span
          className={`badge badge-transaction badge-transaction-${transaction}`}
          data-testid={TID.transactionBadge}
          data-state={transaction}
          role="status"
        >
          {text}
        </span>
      ) : null}
      {manualCommit || transaction !== 'idle' ? (
        <>
          <button
            data-testid={TID.commitButton}
            disabled={busy || transaction !== 'open'}
            onClick={() => void sessions.end(tabId, 'commit')}
            title="Commit the open transaction (Ctrl/Cmd+Alt+Enter)"
          >
            Commit
          </button>
          <button
            data-testid={TID.rollbackButton}
            disabled={busy || transaction === 'idle'}
            onClick={() => void sessions.end(tabId, 'rollback')}
            title="Roll back the open transaction (Ctrl/Cmd+Alt+Backspace)"
          >
            Rollback
          </button>
        </>
      ) : null}
    </span>
  )
}

/** The session's one-time notice and the last Commit/Rollback error, as banners under the toolbar. */
export function SessionBanners({ sessions, tabId }: { sessions: SessionStore; tabId: string }) {
  useSyncExternalStore(sessions.subscribe, sessions.getVersion)
  const view = sessions.view(tabId)
  return (
    <>
      {view.state.notice ? (
        <div className="banner banner-warn" role="alert" data-testid={TID.sessionNotice}>
          {view.state.notice} <button onClick={() => sessions.dismissNotice(tabId)}>Dismiss</button>
        </div>
      ) : null}
      {view.error ? (
        <div className="banner banner-error" role="alert" data-testid={TID.sessionError}>
          {view.error.message} <button onClick={() => sessions.dismissError(tabId)}>Dismiss</button>
        </div>
      ) : null}
    </>
  )
}

/** The time now, ticking every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}
