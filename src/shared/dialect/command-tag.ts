import { statementWords } from './dangerous-statements'
import type { SqlDialect } from './split-statements'

/** Words that name what CREATE / ALTER / DROP acts on (after its modifiers). */
const OBJECTS = new Set(
  (
    'table view index schema database sequence function procedure trigger type extension role user ' +
    'domain rule policy event server collation aggregate operator publication subscription statistics ' +
    'tablespace macro secret'
  ).split(' '),
)
const COUNTED = new Set(['insert', 'update', 'delete', 'merge', 'select', 'copy', 'replace', 'fetch', 'move'])
const SAME: Record<string, string> = {
  start: 'BEGIN',
  begin: 'BEGIN',
  commit: 'COMMIT',
  end: 'COMMIT',
  rollback: 'ROLLBACK',
  abort: 'ROLLBACK',
}

/**
 * The command tag of a statement, as psql prints it ("CREATE TABLE", "UPDATE 3", "BEGIN"), read
 * from its words: for engines whose server reports none. `count`: rows it changed or returned.
 */
export function commandTag(sql: string, dialect: SqlDialect, count: number | null): string | null {
  const words = statementWords(sql, dialect).filter((word) => word.depth === 0)
  let verb = words[0]?.word
  if (!verb) return null
  let at = 0
  if (verb === 'with') {
    at = words.findIndex((word, index) => index > 0 && COUNTED.has(word.word))
    if (at < 0) return 'SELECT' + (count === null ? '' : ` ${count}`)
    verb = words[at]!.word
  }
  const same = SAME[verb]
  if (same) return same
  if (verb === 'create' || verb === 'alter' || verb === 'drop' || verb === 'truncate') {
    const rest = words.slice(at + 1, at + 6).map((word) => word.word)
    const object = rest.find((word) => OBJECTS.has(word))
    const materialized = object === 'view' && rest.includes('materialized') ? 'MATERIALIZED ' : ''
    if (verb === 'truncate') return 'TRUNCATE TABLE'
    return object ? `${verb} ${materialized}${object}`.toUpperCase() : verb.toUpperCase()
  }
  if (COUNTED.has(verb)) return `${verb.toUpperCase()}${count === null ? '' : ` ${count}`}`
  return verb.toUpperCase()
}
