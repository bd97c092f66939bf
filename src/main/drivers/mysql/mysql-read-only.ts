import { QuarryFailure } from '../../../shared/contract'
import { readOnlyLift } from '../write-guard'
import { runQuery } from './mysql-client'
import type { MysqlClient } from './mysql-client'
import type { ServerFlavor } from './mysql-flavor'

/** ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: the server refused a write (it changed nothing). */
const READ_ONLY_ERRNO = 1792

/** Whether a statement's failure is the read-only transaction refusing it. */
export const refusedByReadOnly = (error: unknown): error is QuarryFailure =>
  error instanceof QuarryFailure && (error.error.code ?? '').includes(`(${READ_ONLY_ERRNO})`)

/** Executable comments (`/*!50000 … *\/`, `/*M!100000 … *\/`) run their text: their markers are dropped, the text kept. */
const EXECUTABLE_COMMENT = /\/\*M?!\d*/g
/** Blanks or comments between two words. */
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$))+`
/** What lifts read-only mode: READ WRITE (START TRANSACTION, SET [SESSION] TRANSACTION), the variables. */
const LIFTS = new RegExp(String.raw`\bread${GAP}write\b|\btx_read_only\b|\btransaction_read_only\b`, 'i')

/**
 * Refuses, before sending, a statement that could turn read-only mode off (`START TRANSACTION
 * READ WRITE`, `SET SESSION TRANSACTION READ WRITE`, `SET STATEMENT tx_read_only=0 FOR …`,
 * `SET @@transaction_read_only`…), however commented. A second line behind the server: it errs
 * towards refusing (the words inside a string count too); the session check after each
 * statement catches what is spelled past it (a prepared statement, a procedure).
 */
export function refuseLift(sql: string, offset: number): void {
  if (LIFTS.test(sql.replace(EXECUTABLE_COMMENT, ' '))) throw readOnlyLift('mysql', offset, 'This statement')
}

/** The session variable that says whether new transactions are read-only. */
const readOnlyVariable = (flavor: ServerFlavor) =>
  flavor === 'mariadb' ? '@@session.tx_read_only' : '@@session.transaction_read_only'

/** Sets the session's transaction mode (what autocommit statements and a bare START TRANSACTION get). */
export const setSessionReadOnly = (client: MysqlClient, readOnly: boolean): Promise<unknown> =>
  runQuery(client, `SET SESSION TRANSACTION ${readOnly ? 'READ ONLY' : 'READ WRITE'}`)

/**
 * Opens the READ ONLY transaction a statement runs in, inside a session whose transactions are
 * read-only too: a procedure that turns the session mode off cannot write in this transaction,
 * and a statement that commits implicitly (DDL) starts its next one read-only.
 */
export const beginReadOnly = (client: MysqlClient): Promise<unknown> => runQuery(client, 'START TRANSACTION READ ONLY')

/**
 * Commits the statement's transaction, then checks the session is still read-only: a statement
 * that turned it off (a prepared `SET SESSION TRANSACTION READ WRITE`, a procedure) stops the
 * script before anything runs in the mode it chose.
 */
export async function endReadOnly(client: MysqlClient, flavor: ServerFlavor, offset: number): Promise<void> {
  await runQuery(client, 'COMMIT')
  const [row] = await runQuery<{ ro: unknown }>(client, `SELECT ${readOnlyVariable(flavor)} AS ro`)
  if (Number(row?.ro) !== 1) throw readOnlyLift('mysql', offset, 'This statement turned read-only mode off and')
}
