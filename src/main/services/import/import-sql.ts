import type { ImportColumn } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'

/** Quotes an identifier in the target engine's dialect. */
export type QuoteIdentifier = (name: string) => string

/** The table named with its schema (when the engine has one). */
export function qualifiedName(quote: QuoteIdentifier, schema: string | null, table: string): string {
  return schema ? `${quote(schema)}.${quote(table)}` : quote(table)
}

/** CREATE TABLE for a new table: each column with the type the plan gives it. */
export function createTableSql(quote: QuoteIdentifier, target: string, columns: readonly ImportColumn[]): string {
  return `CREATE TABLE ${target} (${columns.map((c) => `${quote(c.target)} ${c.type}`).join(', ')})`
}

const placeholderOf = (style: ImportFacts['placeholder'], n: number): string =>
  style === 'dollar' ? `$${n}` : style === 'at-p' ? `@p${n}` : '?'

/**
 * One multi-row INSERT: every value a placeholder, NULL written as the keyword (the engines bind
 * text only), with the parameters in order.
 */
export function insertSql(
  quote: QuoteIdentifier,
  target: string,
  columns: readonly ImportColumn[],
  rows: readonly (string | null)[][],
  style: ImportFacts['placeholder'],
): { sql: string; params: string[] } {
  const params: string[] = []
  const tuples = rows.map(
    (row) => `(${row.map((v) => (v === null ? 'NULL' : placeholderOf(style, params.push(v)))).join(', ')})`,
  )
  const names = columns.map((c) => quote(c.target)).join(', ')
  return { sql: `INSERT INTO ${target} (${names}) VALUES ${tuples.join(', ')}`, params }
}

/** Rows per INSERT: as many as the engine's bound-value limit allows, at most 1000. */
export function rowsPerInsert(facts: ImportFacts, columnCount: number): number {
  return Math.max(1, Math.min(1000, Math.floor(facts.maxParams / Math.max(1, columnCount))))
}
