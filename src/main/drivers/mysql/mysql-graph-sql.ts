import type { SchemaGraphAroundQueries, SchemaGraphQueries } from '../driver'

/**
 * The ER diagram's catalog statements for one database (MySQL's schema): its columns with their
 * position in the primary key, then its foreign key column pairs. Two statements in all.
 *
 * The tables and primary-key columns are read in derived tables of their own, each filtered on the
 * schema and kept apart by a LIMIT (MariaDB otherwise merges them into one join of the
 * information_schema views, which opened every table once per column: 29.8 s for 2,000 tables in
 * the bench, 6.6 s for 2,000 small tables by hand; 0.07 s kept apart).
 */
const ALL = 'LIMIT 18446744073709551615'
const columns = (filter = '') => `
SELECT c.TABLE_NAME AS table_name, CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind,
       c.COLUMN_NAME AS column_name, c.COLUMN_TYPE AS type,
       CASE c.IS_NULLABLE WHEN 'YES' THEN 1 ELSE 0 END AS nullable, COALESCE(k.ORDINAL_POSITION, 0) AS pk
  FROM information_schema.COLUMNS c
  JOIN (SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?${filter} ${ALL}) t
    ON t.TABLE_NAME = c.TABLE_NAME
  LEFT JOIN (SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION FROM information_schema.KEY_COLUMN_USAGE
              WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY'${filter} ${ALL}) k
    ON k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
 WHERE c.TABLE_SCHEMA = ?${filter.replaceAll('TABLE_NAME', 'c.TABLE_NAME')}
 ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`

/** Columns named so in the schema's tables (not views): the table's and the column's name. */
const COLUMNS_NAMED = `
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name
  FROM information_schema.COLUMNS c
  JOIN (SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW' ${ALL}) t
    ON t.TABLE_NAME = c.TABLE_NAME
 WHERE c.TABLE_SCHEMA = ? AND LOWER(c.COLUMN_NAME) IN `

const foreignKeys = (filter = '') => `
SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
       REFERENCED_TABLE_SCHEMA AS ref_schema, REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
  FROM information_schema.KEY_COLUMN_USAGE
 WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL${filter}
 ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`

export const mysqlGraphQueries = (_database: string, schema: string): SchemaGraphQueries => ({
  columns: { sql: columns(), params: [schema, schema, schema] },
  foreignKeys: { sql: foreignKeys(), params: [schema] },
})

/** `(?, ?, …)`: one placeholder per name (never an empty list: the service asks for some). */
const list = (names: readonly string[]): string => `(${names.map(() => '?').join(', ')})`
/** The same, each lower-cased as the column it is compared with. */
const lowerList = (names: readonly string[]): string => `(${names.map(() => 'LOWER(?)').join(', ')})`

/** The same statements filtered by name (the graph around a few tables). */
export const mysqlGraphAroundQueries = (_database: string, schema: string): SchemaGraphAroundQueries => ({
  // The name filter in each part, so MariaDB opens only the tables named (it tests a condition on
  // names alone before opening a table).
  columnsOf: (tables) => ({
    sql: columns(` AND LOWER(TABLE_NAME) IN ${lowerList(tables)}`),
    params: [schema, ...tables, schema, ...tables, schema, ...tables],
  }),
  foreignKeysOf: (tables) => ({
    sql: foreignKeys(
      ` AND (TABLE_NAME IN ${list(tables)} OR (REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IN ${list(tables)}))`,
    ),
    params: [schema, ...tables, schema, ...tables],
  }),
  columnsNamed: (names) => ({
    sql: `${COLUMNS_NAMED}${lowerList(names)}`,
    params: [schema, schema, ...names],
  }),
  // The keys referring to a table and the columns named like a key are found by opening every table
  // of the schema (information_schema), whatever the names asked for: read once, for both rings.
  wholeScans: {
    foreignKeys: { sql: foreignKeys(), params: [schema] },
    idColumns: { sql: COLUMNS_NAMED.replace(/ IN $/, " LIKE '%!_id' ESCAPE '!'"), params: [schema, schema] },
  },
})
