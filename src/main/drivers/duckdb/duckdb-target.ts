import { basename, extname } from 'node:path'

/** A data file DuckDB reads as a table, by the reader function that reads its format. */
const DATA_READERS: Record<string, string> = {
  '.csv': 'read_csv_auto',
  '.tsv': 'read_csv_auto',
  '.txt': 'read_csv_auto',
  '.parquet': 'read_parquet',
  '.json': 'read_json_auto',
  '.jsonl': 'read_json_auto',
  '.ndjson': 'read_json_auto',
}

/** What a DuckDB connection's file names: a database file, an in-memory database, or a data file. */
export type DuckdbTarget =
  | { kind: 'database'; path: string; name: string }
  | { kind: 'memory'; name: 'memory' }
  | { kind: 'data-file'; path: string; name: 'memory'; view: string; reader: string }

/** The name DuckDB gives the database of a file: its base name without extension. */
const databaseNameOf = (path: string): string => basename(path, extname(path))

/** Reads the connection's file setting (an absolute path by now, or `:memory:`). */
export function duckdbTarget(file: string): DuckdbTarget {
  if (file === ':memory:') return { kind: 'memory', name: 'memory' }
  const reader = DATA_READERS[extname(file).toLowerCase()]
  if (reader) return { kind: 'data-file', path: file, name: 'memory', view: databaseNameOf(file), reader }
  return { kind: 'database', path: file, name: databaseNameOf(file) }
}

/** A SQL string literal: quotes doubled. Only for DDL, which DuckDB cannot prepare with parameters. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`

/** Quotes an identifier for DuckDB: wrapped in double quotes, inner quotes doubled. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/**
 * The statement that makes a data file a queryable view named after the file. A view, not a
 * table: the file is read where it is, at query time (a Parquet file is never copied into memory).
 */
export const dataFileView = (target: Extract<DuckdbTarget, { kind: 'data-file' }>): string =>
  `CREATE VIEW ${quoteIdentifier(target.view)} AS SELECT * FROM ${target.reader}(${sqlString(target.path)})`
