import type { EngineId } from '../contract/model'

const QUOTES: Record<EngineId, [string, string]> = {
  sqlite: ['"', '"'],
  postgres: ['"', '"'],
  mysql: ['`', '`'],
  mssql: ['[', ']'],
  mongodb: ['', ''],
  duckdb: ['"', '"'],
}

/** Quotes an identifier for an engine's SQL, doubling the closing quote inside the name. */
export function quoteIdentifier(engine: EngineId, name: string): string {
  const [open, close] = QUOTES[engine]
  if (!close) return name
  return `${open}${name.split(close).join(close + close)}${close}`
}

/** `schema.table`, quoted; the schema is left out when the engine has none for it. */
export function qualifiedName(engine: EngineId, schema: string | null, table: string): string {
  const tablePart = quoteIdentifier(engine, table)
  return schema ? `${quoteIdentifier(engine, schema)}.${tablePart}` : tablePart
}
