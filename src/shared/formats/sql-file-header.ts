/**
 * The first line of a saved `.sql` file names where it runs, as a comment every engine ignores:
 * `-- quarry: connection=Sample; database=main`. Values escape `%`, `;`, `=` and line breaks as
 * `%XX`, so any connection or database name survives the round trip.
 */
const PREFIX = '-- quarry:'

/** Where a saved query runs. */
export interface SqlFileTarget {
  connection: string | null
  database: string | null
}

const escape = (value: string): string =>
  value.replace(/[%;=\r\n]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)

const unescape = (value: string): string =>
  value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** The file's text: the header line (when there is a connection), then the SQL as typed. */
export function withSqlFileHeader(sql: string, target: SqlFileTarget): string {
  if (target.connection === null) return sql
  const fields = [`connection=${escape(target.connection)}`]
  if (target.database !== null) fields.push(`database=${escape(target.database)}`)
  return `${PREFIX} ${fields.join('; ')}\n${sql}`
}

/** Splits a file's text into its header's target and the SQL after it (a file without one: all SQL). */
export function readSqlFileHeader(text: string): SqlFileTarget & { sql: string } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const end = body.indexOf('\n')
  const first = (end < 0 ? body : body.slice(0, end)).replace(/\r$/, '')
  if (!first.startsWith(PREFIX)) return { connection: null, database: null, sql: body }
  const fields = new Map<string, string>()
  for (const part of first.slice(PREFIX.length).split(';')) {
    const at = part.indexOf('=')
    if (at > 0) fields.set(part.slice(0, at).trim(), unescape(part.slice(at + 1).trim()))
  }
  return {
    connection: fields.get('connection') ?? null,
    database: fields.get('database') ?? null,
    sql: end < 0 ? '' : body.slice(end + 1),
  }
}
