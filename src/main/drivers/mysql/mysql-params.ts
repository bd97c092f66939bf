import { QuarryFailure } from '../../../shared/contract'
import { sqlTokens } from '../../../shared/dialect/sql-lexer'
import { MYSQL } from '../../../shared/engines/mysql'

/**
 * A parameter value as MySQL reads it whatever the session's sql_mode: UTF-8 bytes in hex
 * (`_utf8mb4 X'…'`). Hex digits hold no quote or backslash, so nothing in the value can end the
 * literal, with or without NO_BACKSLASH_ESCAPES; the server then treats it as a string literal
 * (same coercibility, converted to the column's type or character set as a quoted literal is).
 */
export const hexLiteral = (value: string): string =>
  value === '' ? "''" : `_utf8mb4 X'${Buffer.from(value, 'utf8').toString('hex')}'`

/**
 * Binds `?` placeholders client-side, each as a hex literal. mysql2 has no server-side binding that
 * keeps the text protocol (its prepared statements answer in the binary protocol, whose values the
 * driver would not read exactly), and its own `query(sql, values)` escapes with backslashes, which
 * NO_BACKSLASH_ESCAPES turns into an injection. Question marks inside quotes and comments stay.
 */
export function bindParams(sql: string, params: readonly string[]): string {
  let out = ''
  let from = 0
  let used = 0
  for (const token of sqlTokens(sql, MYSQL.lexical!)) {
    if (token.kind !== 'punct' || sql[token.start] !== '?') continue
    const value = params[used++]
    if (value === undefined) break
    out += sql.slice(from, token.start) + hexLiteral(value)
    from = token.end
  }
  if (used !== params.length) {
    const message = `The statement has ${used} placeholder(s) for ${params.length} parameter(s)`
    throw new QuarryFailure({ kind: 'invalid-input', message, engine: 'mysql' })
  }
  return out + sql.slice(from)
}
