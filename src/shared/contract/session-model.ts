/**
 * A query tab's server session (issue "A query tab is a session"): what main reports of it after
 * every run and every Commit/Rollback, read from the server (never guessed from the SQL).
 */

/** The session's transaction as the server reports it: none open, open, or failed (only ROLLBACK helps). */
export type TransactionState = 'idle' | 'open' | 'failed'

/** Ends a tab's open transaction. */
export type TransactionAction = 'commit' | 'rollback'

export interface SessionState {
  transaction: TransactionState
  /** When the open (or failed) transaction started, as epoch milliseconds; null when idle. */
  openedAt: number | null
  /** Statements run in the open transaction so far (0 when idle). */
  statements: number
  /**
   * Something the user must be told once: the previous session ended (server restart, network)
   * and its transaction was lost, or a transaction was rolled back after its idle timeout.
   */
  notice: string | null
}

/** The state of a session that has no transaction open and nothing to tell. */
export const IDLE_SESSION: SessionState = { transaction: 'idle', openedAt: null, statements: 0, notice: null }

/** A message the server sent while a statement ran: a NOTICE or WARNING, a MySQL warning, a PRINT. */
export interface ServerMessage {
  severity: 'warning' | 'notice' | 'info'
  text: string
  /** The engine's own code (01000, 1265…), when it sends one. */
  code?: string
}
