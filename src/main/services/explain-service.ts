import { QuarryFailure, WRITE_REFUSED_CODE } from '../../shared/contract'
import type { MethodInput, QueryPlan } from '../../shared/contract'
import { splitStatements } from '../../shared/dialect/split-statements'
import type { QueryResult } from '../drivers/driver'
import type { ConnectionService } from './connection-service'
import { rerunGuard } from './safe-mode'

const NOT_MEASURED =
  'Safe mode: EXPLAIN ANALYZE runs the statement, and the server refused it as a write, so nothing was changed. Explain (without analyze) shows its plan without running it'

/**
 * Explains one statement with its engine's EXPLAIN (declared by the driver), and normalises the
 * output into the plan model. More than one statement is refused: EXPLAIN takes one.
 */
export async function explainStatement(
  connections: ConnectionService,
  input: MethodInput<'query.explain'>,
): Promise<QueryPlan> {
  const driver = connections.driverFor(input.connectionId)
  const explainer = driver.explain
  if (!explainer || !driver.dialect) throw invalid(`${driver.name} has no EXPLAIN that Quarry can show`)
  const statements = splitStatements(input.sql, driver.dialect)
  const statement = statements[0]
  if (!statement) throw invalid('There is no statement to explain')
  if (statements.length > 1) throw invalid('Explain takes one statement: put the cursor on it, or select it')
  const analyze = input.analyze === true
  const connection = await connections.get(input.connectionId)
  const explainSql = explainer.statement(statement.sql, analyze, analyze ? await connection.version() : null)
  // Under safe mode EXPLAIN ANALYZE runs only what the server accepts as read-only.
  const safeMode = connections.summary(input.connectionId).safeMode
  const readOnlyGuard = analyze && safeMode ? rerunGuard(driver, { safeMode }, statement.sql) : undefined
  const result = await connection
    .execute(explainSql, {
      ...(input.database ? { database: input.database } : {}),
      ...(readOnlyGuard ? { readOnlyGuard } : {}),
    })
    .catch((error: unknown) => {
      if (!(error instanceof QuarryFailure) || error.error.code !== WRITE_REFUSED_CODE) throw error
      throw new QuarryFailure({ ...error.error, message: `${NOT_MEASURED} (${error.message})` })
    })
  return { engine: driver.engine, analyzed: analyze, root: explainer.parse(result), explainSql, raw: rawText(result) }
}

/** The output as the engine gave it: the JSON cell, or one line per row. */
function rawText(result: QueryResult): string {
  const only = result.rows.length === 1 && result.rows[0]?.length === 1 ? result.rows[0][0] : undefined
  if (typeof only === 'string') return only
  const header = result.columns.map((column) => column.name).join('\t')
  return [header, ...result.rows.map((row) => row.map((value) => JSON.stringify(value)).join('\t'))].join('\n')
}

const invalid = (message: string): QuarryFailure => new QuarryFailure({ kind: 'invalid-input', message })
