import type { SessionState } from '../../../shared/contract'

/** "42 s", "3 min 5 s", "2 h 10 min": how long a transaction has been open. */
export function ageText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** The badge text of a session's transaction, or null when none is open. */
export function transactionText(state: SessionState, now: number): string | null {
  if (state.transaction === 'idle') return null
  const age = state.openedAt === null ? '' : ` · ${ageText(now - state.openedAt)}`
  const statements = `${state.statements} statement${state.statements === 1 ? '' : 's'}`
  if (state.transaction === 'failed') return `Failed transaction${age} · only Rollback helps`
  return `Transaction open${age} · ${statements}`
}

/** The question asked before a tab with an open transaction closes. */
export function closeQuestion(title: string, state: SessionState, now: number): string {
  const failed = state.transaction === 'failed'
  const age = state.openedAt === null ? '' : ` for ${ageText(now - state.openedAt)}`
  return failed
    ? `"${title}" has a failed transaction${age}: nothing of it can be committed. Roll it back?`
    : `"${title}" has a transaction open${age} (${state.statements} statement${state.statements === 1 ? '' : 's'}). Commit it, or roll it back?`
}
