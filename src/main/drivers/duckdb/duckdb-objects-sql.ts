import type { BuiltTableQuery } from '../../../shared/contract'

/**
 * A schema's user functions (macros: CREATE MACRO, scalar and table) and sequences, for the tree;
 * DuckDB has no procedures and no triggers. Columns: kind, name, detail (a macro's parameters).
 * Runs in the tree's database (USE-d by the session): current_database() is it.
 */
const OBJECTS = `
SELECT 'function' AS kind, function_name AS name, '(' || array_to_string(parameters, ', ') || ')' AS detail
  FROM duckdb_functions()
 WHERE database_name = current_database() AND schema_name = ? AND NOT internal
   AND function_type IN ('macro', 'table_macro')
UNION ALL
SELECT 'sequence', sequence_name, NULL
  FROM duckdb_sequences()
 WHERE database_name = current_database() AND schema_name = ?
 ORDER BY 1, 2, 3`

/** The objects statement for one schema (its name bound as a parameter). */
export const duckdbObjectsQuery = (schema: string): BuiltTableQuery => ({ sql: OBJECTS, params: [schema, schema] })
