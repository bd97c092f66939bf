import { splitStatements } from './split-statements'
import type { ScriptStatement, SqlDialect } from './split-statements'

/**
 * The statement Ctrl+Enter runs when nothing is selected. Inside a statement (or right at its
 * end): that statement. Between statements: the one that ends on the cursor's line (the cursor
 * just after its `;`), else the next one below, else the last one above. Null for a script of
 * only blanks and comments.
 */
export function statementAt(script: string, cursor: number, dialect: SqlDialect): ScriptStatement | null {
  const statements = splitStatements(script, dialect)
  const inside = statements.find((s) => cursor >= s.offset && cursor <= (s.dataEnd ?? s.offset + s.sql.length))
  if (inside) return inside
  const nextIndex = statements.findIndex((s) => s.offset > cursor)
  const next = nextIndex === -1 ? undefined : statements[nextIndex]
  const previous = nextIndex === -1 ? statements.at(-1) : statements[nextIndex - 1]
  const lineStart = script.lastIndexOf('\n', cursor - 1) + 1
  if (previous && previous.offset + previous.sql.length >= lineStart) return previous
  return next ?? previous ?? null
}

/** The text that runs a statement found in `script`: itself, with its inline data (COPY … FROM stdin) if it has some. */
export const runnableText = (script: string, statement: ScriptStatement): string =>
  statement.dataEnd === undefined ? statement.sql : script.slice(statement.offset, statement.dataEnd)
