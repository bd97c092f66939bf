import { lexicalRulesOf } from '../engines/engine-list'
import type { SqlEngineId } from '../engines/engine-list'
import type { LexicalRules } from './lexical-rules'
import type { ScriptStatement } from './script-statement'
import { MAX_GO_REPEAT, splitBatches } from './split-batches'
import { StatementSplitter } from './statement-splitter'

export type { ScriptStatement }
export { MAX_GO_REPEAT }

/** SQL dialects whose lexical rules the splitter knows: the engines whose queries are SQL. */
export type SqlDialect = SqlEngineId

/** The lexical rules of a SQL dialect (every SqlDialect has them). */
export const rulesOf = (dialect: SqlDialect): LexicalRules => lexicalRulesOf(dialect)!

/**
 * Splits a script into statements the way the engine's own client does: delimiters outside
 * strings, quoted identifiers and comments; PostgreSQL dollar quotes and E'' strings, `( ; )`,
 * COPY … FROM stdin data and psql's backslash commands; MySQL backslash escapes, # comments,
 * executable comments, DELIMITER lines and `\G`; BEGIN…END bodies of triggers and routines;
 * SQL Server GO lines (batches, not statements). The engine's lexical rules say which apply.
 */
export function splitStatements(script: string, dialect: SqlDialect): ScriptStatement[] {
  const rules = rulesOf(dialect)
  if (rules.batchSeparator) return splitBatches(script, rules, rules.batchSeparator)
  return new StatementSplitter(script, rules).split()
}
