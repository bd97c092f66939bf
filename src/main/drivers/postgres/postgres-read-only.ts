import { QuarryFailure } from '../../../shared/contract'
import { readOnlyLift } from '../write-guard'
import type { PgSession } from './postgres-session'

/**
 * SQLSTATEs of a statement refused because it ran inside Quarry's READ ONLY transaction:
 * 25006 read_only_sql_transaction (any write, however it is spelled), 25001
 * active_sql_transaction (VACUUM, CREATE DATABASE… cannot run inside a transaction) and 2D000
 * invalid_transaction_termination (a DO block or procedure that commits).
 */
const REFUSED_BY_READ_ONLY = new Set(['25006', '25001', '2D000'])

/** Whether a statement's failure is the read-only transaction refusing it (it changed nothing). */
export const refusedByReadOnly = (error: unknown): error is QuarryFailure =>
  error instanceof QuarryFailure && REFUSED_BY_READ_ONLY.has(error.error.code ?? '')

/** On a read-only connection, the read-only transaction's refusals all say so, as `permission`. */
export function readOnlyConnectionError(error: QuarryFailure): QuarryFailure {
  if (error.error.code === '25006') return error
  const message = `The connection is read-only: every statement runs in a read-only transaction, which refused this one (${error.message})`
  return new QuarryFailure({ ...error.error, kind: 'permission', message })
}

/**
 * Opens the READ ONLY transaction one statement runs in. Each statement gets its own, opened by
 * the driver, so nothing in the script can lift it for the next one: `SET default_transaction_
 * read_only`, `SET SESSION CHARACTERISTICS`, `COMMIT; BEGIN` only change transactions the driver
 * never uses, and a procedure or DO block cannot commit inside it. Should a transaction already
 * be open (the statement before was confirmed to run read-write), it must be read-only itself.
 */
export async function beginReadOnly(session: PgSession, offset: number): Promise<void> {
  if (session.transactionStatus === 'I') {
    await session.query('BEGIN READ ONLY')
    return
  }
  const [row] = await session.query<{ on: string }>("SELECT current_setting('transaction_read_only') AS on")
  if (row?.on !== 'on') throw readOnlyLift('postgres', offset, 'The open read-write transaction')
}

/**
 * Ends the statement's transaction: COMMIT, so a read-only script's SET and cursors WITH HOLD
 * last as they would. A statement that lifted the mode of its own transaction (`BEGIN READ
 * WRITE` or `SET TRANSACTION READ WRITE` right after the driver's BEGIN) did so for a
 * transaction that ends here.
 */
export async function endReadOnly(session: PgSession): Promise<void> {
  if (session.transactionStatus === 'T') await session.query('COMMIT')
}
