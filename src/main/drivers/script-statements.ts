import { QuarryFailure } from '../../shared/contract'
import type { EngineId } from '../../shared/contract'
import type { ScriptStatement } from '../../shared/dialect/split-statements'

/**
 * The checks made on a split script before a session is taken: at least one statement, no client
 * command (psql's \connect…: refused where it stands), parameters only for a lone statement.
 */
export function checkedStatements(
  statements: readonly ScriptStatement[],
  options: { params?: readonly string[] | undefined },
  engine: EngineId,
  emptyScript = 'Nothing to run: the text has no SQL statement',
): readonly ScriptStatement[] {
  const fail = (message: string) => new QuarryFailure({ kind: 'invalid-input', message, engine })
  if (statements.length === 0) throw fail(emptyScript)
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
