import type { SchemaGraphQueries } from '../driver'

/**
 * The ER diagram's catalog statements for one database (MySQL's schema): its columns with their
 * position in the primary key, then its foreign key column pairs. Two statements in all.
 */
const COLUMNS = `
SELECT c.TABLE_NAME AS table_name, CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind,
       c.COLUMN_NAME AS column_name, c.COLUMN_TYPE AS type,
       CASE c.IS_NULLABLE WHEN 'YES' THEN 1 ELSE 0 END AS nullable, COALESCE(k.ORDINAL_POSITION, 0) AS pk
  FROM information_schema.COLUMNS c
  JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
  LEFT JOIN information_schema.KEY_COLUMN_USAGE k
    ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
   AND k.CONSTRAINT_NAME = 'PRIMARY'
 WHERE c.TABLE_SCHEMA = ?
 ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`

const FOREIGN_KEYS = `
SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
       REFERENCED_TABLE_SCHEMA AS ref_schema, REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
  FROM information_schema.KEY_COLUMN_USAGE
 WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
 ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`

export const mysqlGraphQueries = (_database: string, schema: string): SchemaGraphQueries => ({
  columns: { sql: COLUMNS, params: [schema] },
  foreignKeys: { sql: FOREIGN_KEYS, params: [schema] },
})
