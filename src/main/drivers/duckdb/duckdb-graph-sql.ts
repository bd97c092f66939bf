import type { SchemaGraphQueries } from '../driver'

/**
 * The ER diagram's catalog statements for one schema of one attached database, from the duckdb_*
 * table functions: columns with their position in the primary key, then foreign key column pairs
 * (the constraint's column lists unnested side by side). Two statements in all.
 */
const COLUMNS = `
WITH pk AS (
  SELECT table_name, constraint_column_names AS names FROM duckdb_constraints()
   WHERE database_name = ? AND schema_name = ? AND constraint_type = 'PRIMARY KEY')
SELECT c.table_name, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind, c.column_name,
       c.data_type AS type, CASE WHEN c.is_nullable THEN 1 ELSE 0 END AS nullable,
       COALESCE(list_position(pk.names, c.column_name), 0) AS pk
  FROM duckdb_columns() c
  LEFT JOIN pk ON pk.table_name = c.table_name
  LEFT JOIN duckdb_views() v
    ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
 WHERE c.database_name = ? AND c.schema_name = ? AND NOT c.internal
 ORDER BY c.table_name, c.column_index`

const FOREIGN_KEYS = `
SELECT COALESCE(k.constraint_name, k.table_name || '_fk' || k.constraint_index) AS name, k.table_name,
       k.constraint_column_names[i] AS column_name, k.schema_name AS ref_schema, k.referenced_table AS ref_table,
       k.referenced_column_names[i] AS ref_column
  FROM duckdb_constraints() k, range(1, len(k.constraint_column_names) + 1) r(i)
 WHERE k.database_name = ? AND k.schema_name = ? AND k.constraint_type = 'FOREIGN KEY'
 ORDER BY k.table_name, name, i`

export const duckdbGraphQueries = (database: string, schema: string): SchemaGraphQueries => ({
  columns: { sql: COLUMNS, params: [database, schema, database, schema] },
  foreignKeys: { sql: FOREIGN_KEYS, params: [database, schema] },
})
