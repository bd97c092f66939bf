import { QuarryFailure, decodeRows } from '../../shared/contract'
import type { EngineId } from '../../shared/contract'
import { splitStatements } from '../../shared/dialect/split-statements'
import type { ScriptStatement, SqlDialect } from '../../shared/dialect/split-statements'
import type { BatchPlan, QueryResult, StreamItem, StreamOptions } from './driver'

/** Batch size for execute(): a small result in few round trips. */
export const EXECUTE_BATCH_SIZE = 5_000

/** The size of batch `index` under a plan, validated (a bad plan is the caller's error). */
export function batchSizeAt(plan: number | BatchPlan, index: number, engine: EngineId): number {
  const size = typeof plan === 'number' ? plan : plan(index)
  if (!Number.isFinite(size) || size < 1) {
    throw new QuarryFailure({ kind: 'invalid-input', message: `Invalid batch size: ${size}`, engine })
  }
  return Math.floor(size)
}

/** Gathers a stream into one result: a script's is its last statement's (what execute() returns). */
export async function collectLastResult(stream: AsyncIterable<StreamItem>): Promise<QueryResult> {
  const result: QueryResult = { columns: [], rows: [], affectedRows: null }
  for await (const item of stream) {
    if (item.kind === 'statement') Object.assign(result, { columns: [], rows: [], affectedRows: null })
    else if (item.kind === 'columns') result.columns = item.columns
    else if (item.kind === 'rows') result.rows.push(...decodeRows(item.rows))
    else result.affectedRows = item.affectedRows
  }
  return result
}

/**
 * The checks every driver makes before it takes a session for a script: the query id is free, a
 * fixed batch size is valid, and the text holds at least one statement. Returns the statements.
 */
export function scriptStatements(
  sql: string,
  options: StreamOptions,
  running: { has(queryId: string): boolean },
  dialect: SqlDialect,
  engine: EngineId,
): ScriptStatement[] {
  const fail = (message: string) => new QuarryFailure({ kind: 'invalid-input', message, engine })
  if (running.has(options.queryId)) throw fail(`Query id "${options.queryId}" is already running`)
  if (typeof options.batchSize === 'number') batchSizeAt(options.batchSize, 0, engine)
  const statements = splitStatements(sql, dialect)
  if (statements.length === 0) throw fail('Nothing to run: the text has no SQL statement')
  const command = statements.find((statement) => statement.clientCommand !== undefined)
  if (command) {
    const message =
      `${command.sql.split(/\s/)[0]} is a command of the engine's command-line client, not SQL: ` +
      'Quarry does not run it (connect to another database with a connection, or remove the line)'
    throw new QuarryFailure({ kind: 'invalid-input', message, engine, position: command.offset + 1 })
  }
  if (options.params && statements.length > 1) throw fail('A statement with parameters must be run alone')
  return statements
}
