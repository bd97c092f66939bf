import type { ServerFlavor } from './mysql-flavor'

/**
 * Catalog queries. Every name is a bound parameter of a prepared statement; the only statement
 * that takes identifiers (SHOW CREATE) is built in the introspector from catalog names, quoted.
 */

/** Schemas MySQL and MariaDB keep for themselves. */
export const SYSTEM_SCHEMAS = new Set(['mysql', 'information_schema', 'performance_schema', 'sys'])

export const SCHEMAS = 'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME'

export const SCHEMA_EXISTS = 'SELECT 1 AS found FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?'

/**
 * Bytes on disk of the whole server. MySQL 8 answers from its dictionary's cached statistics;
 * MariaDB would open every table for DATA_LENGTH, so it sums InnoDB's persistent statistics instead
 * (pages × page size; other engines are not counted).
 */
export const SERVER_SIZE: Record<ServerFlavor, string> = {
  mysql: 'SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.TABLES',
  mariadb:
    'SELECT SUM(clustered_index_size + sum_of_other_index_sizes) * @@innodb_page_size AS bytes ' +
    'FROM mysql.innodb_table_stats',
}

/** MySQL 8: tables and views with TABLE_ROWS, all from the dictionary's cached statistics: fast for any number. */
export const MYSQL_TABLES = `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS estimate
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`

/*
 * MariaDB's information_schema does per table what its columns need: TABLE_NAME alone is a
 * directory listing (20 ms for 10,000 tables), TABLE_TYPE reads each table's .frm (200 ms),
 * TABLE_ROWS opens each table through its engine (3 s when they do not fit the table cache).
 */
export const MARIADB_TABLE_NAMES = 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?'

export const MARIADB_TABLE_TYPES =
  'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?'

export const MARIADB_TABLES = `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS estimate
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`

/** The same estimates InnoDB keeps persistently, one row per table (or partition: `t#P#p0`); never a view. */
export const INNODB_ROWS =
  'SELECT table_name AS name, n_rows AS estimate FROM mysql.innodb_table_stats WHERE database_name = ?'

export const TABLE = `SELECT TABLE_TYPE AS type, TABLE_COLLATION AS collation FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`

export const COLUMNS = `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
    COLUMN_DEFAULT AS dflt, EXTRA AS extra, COLUMN_COMMENT AS comment, COLLATION_NAME AS collation,
    DATA_TYPE AS dataType
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`

/** Index parts in key order; MySQL 8 names functional key parts in EXPRESSION (MariaDB has none). */
export const INDEXES: Record<ServerFlavor, string> = {
  mysql: `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, SEQ_IN_INDEX AS seq, COLUMN_NAME AS col,
      SUB_PART AS subPart, EXPRESSION AS expr, INDEX_TYPE AS method
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
  mariadb: `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, SEQ_IN_INDEX AS seq, COLUMN_NAME AS col,
      SUB_PART AS subPart, NULL AS expr, INDEX_TYPE AS method
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
}

/**
 * CHECK constraints (MariaDB 10.2+, MySQL 8.0.16+; older servers lack the table and show none).
 * MariaDB names them per table and lists the checks it adds to JSON columns (json_valid) too;
 * MySQL's CHECK_CONSTRAINTS has no table column, so its constraints are found through TABLE_CONSTRAINTS.
 */
export const CHECKS: Record<ServerFlavor, string> = {
  mysql: `SELECT cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause
    FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc
      ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
    WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY cc.CONSTRAINT_NAME`,
  mariadb: `SELECT CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
    WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? ORDER BY CONSTRAINT_NAME`,
}

/** Foreign key columns in key order. (Joined with REFERENTIAL_CONSTRAINTS in SQL, I_S scans every table.) */
export const FOREIGN_KEY_COLUMNS = `SELECT CONSTRAINT_NAME AS name, COLUMN_NAME AS col,
    REFERENCED_TABLE_SCHEMA AS refSchema, REFERENCED_TABLE_NAME AS refTable, REFERENCED_COLUMN_NAME AS refCol
  FROM information_schema.KEY_COLUMN_USAGE
  WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL
  ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION`

export const FOREIGN_KEY_RULES = `SELECT CONSTRAINT_NAME AS name, UPDATE_RULE AS onUpdate, DELETE_RULE AS onDelete
  FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?`

/**
 * Bytes per character of every collation id. MariaDB 10.10+ lists all ids (UCA 14 ones included)
 * in COLLATION_CHARACTER_SET_APPLICABILITY; older MariaDB and MySQL only in COLLATIONS.
 */
export const COLLATION_WIDTHS = [
  `SELECT a.ID AS id, c.MAXLEN AS maxlen FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY a
    JOIN information_schema.CHARACTER_SETS c ON c.CHARACTER_SET_NAME = a.CHARACTER_SET_NAME`,
  `SELECT a.ID AS id, c.MAXLEN AS maxlen FROM information_schema.COLLATIONS a
    JOIN information_schema.CHARACTER_SETS c ON c.CHARACTER_SET_NAME = a.CHARACTER_SET_NAME WHERE a.ID IS NOT NULL`,
]
