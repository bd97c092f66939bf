import type { EngineId } from '../contract/model'
import type { SqlDialect } from './split-statements'

/** What the editor needs to know about an engine's language, as data: one entry per engine. */
export interface EngineEditing {
  /** How its scripts split into statements (run under cursor, completion); null: not SQL. */
  splitter: SqlDialect | null
  /** sql-formatter's language name; null: no formatting. */
  formatter: 'sqlite' | 'postgresql' | 'mysql' | 'transactsql' | null
  /** The driver explains statements (Explain button). */
  explain: boolean
  /** Explain can also run the statement to measure it (ANALYZE); 'mariadb': only on MariaDB servers. */
  explainAnalyze: boolean | 'mariadb'
  /** The schema unqualified names resolve to when the connection names none. */
  defaultSchema: string | null
}

/**
 * Per-engine editing data. MongoDB and SQL Server drivers fill in their entries as they land
 * (SQL Server: splitter 'mssql', formatter 'transactsql', showplan XML explain; MongoDB: its own
 * explain, no SQL formatter).
 */
export const ENGINE_EDITING: Record<EngineId, EngineEditing> = {
  sqlite: { splitter: 'sqlite', formatter: 'sqlite', explain: true, explainAnalyze: false, defaultSchema: 'main' },
  postgres: {
    splitter: 'postgres',
    formatter: 'postgresql',
    explain: true,
    explainAnalyze: true,
    defaultSchema: 'public',
  },
  // MySQL's default schema is the connection's database (read from the tree when known).
  mysql: { splitter: 'mysql', formatter: 'mysql', explain: true, explainAnalyze: 'mariadb', defaultSchema: null },
  mssql: { splitter: 'mssql', formatter: 'transactsql', explain: false, explainAnalyze: false, defaultSchema: 'dbo' },
  mongodb: { splitter: null, formatter: null, explain: false, explainAnalyze: false, defaultSchema: null },
  // DuckDB's lexical rules are PostgreSQL's ($$ strings, E'' strings, "identifiers").
  duckdb: { splitter: 'postgres', formatter: 'postgresql', explain: true, explainAnalyze: true, defaultSchema: 'main' },
}
