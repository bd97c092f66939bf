import { QuarryFailure } from '../../../shared/contract'
import { readOnlyLift } from '../write-guard'
import { runQuery } from './mysql-client'
import type { MysqlClient } from './mysql-client'
import type { ServerFlavor } from './mysql-flavor'

/** ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: the server refused a write (it changed nothing). */
const READ_ONLY_ERRNO = 1792

/** Quarry's own refusal of a statement that writes a file on the server's host (see refuseServerFile). */
const SERVER_FILE_CODE = 'QUARRY_SERVER_FILE'

/** Whether a statement's failure is the read-only transaction (or Quarry, for it) refusing it. */
export const refusedByReadOnly = (error: unknown): error is QuarryFailure =>
  error instanceof QuarryFailure &&
  ((error.error.code ?? '').includes(`(${READ_ONLY_ERRNO})`) || error.error.code === SERVER_FILE_CODE)

/** Executable comments (`/*!50000 … *\/`, `/*M!100000 … *\/`) run their text: their markers are dropped, the text kept. */
const EXECUTABLE_COMMENT = /\/\*M?!\d*/g
/** Blanks or comments between two words (and the end of an executable comment, once its marker is dropped). */
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|\*/|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$))+`
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

/** `… INTO OUTFILE` / `INTO DUMPFILE`: a read-only transaction lets them write a file on the server's host. */
const INTO_FILE = new RegExp(String.raw`\binto${GAP}(?:outfile|dumpfile)\b`, 'i')

/**
 * Refuses, before sending, a statement that writes a file on the server's host, which the
 * server allows in a read-only transaction. It fails as the server's refusal of a write does
 * (safe mode asks; a read-only connection refuses). A second line, like refuseLift: a statement
 * prepared from a computed string or a procedure gets past it; a role without FILE does not.
 */
export function refuseServerFile(sql: string, offset: number): void {
  if (!INTO_FILE.test(sql.replace(EXECUTABLE_COMMENT, ' '))) return
  throw new QuarryFailure({
    kind: 'permission',
    code: SERVER_FILE_CODE,
    engine: 'mysql',
    position: offset + 1,
    message:
      "Quarry did not send it: INTO OUTFILE / INTO DUMPFILE writes a file on the server's host, which read-only mode does not prevent",
  })
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
