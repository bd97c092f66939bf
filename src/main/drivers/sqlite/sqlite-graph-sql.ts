import type { SchemaGraphAroundQueries, SchemaGraphQueries } from '../driver'

/**
 * The ER diagram's catalog statements for one attached database: the pragma table functions joined
 * to its schema table (two statements in all). A foreign key naming no columns refers to the other
 * table's primary key (ref_column NULL: the graph builder resolves it). SQLite keys have no names:
 * `<table>_fk<id>` stands for one.
 */
export function sqliteGraphQueries(
  quoteIdentifier: (name: string) => string,
): (database: string, schema: string) => SchemaGraphQueries {
  return (_database, schema) => {
    const master = `${quoteIdentifier(schema)}.sqlite_schema`
    return {
      columns: {
        sql: `SELECT m.name AS table_name, m.type AS kind, p.name AS column_name, p.type AS type,
       CASE WHEN p."notnull" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable, p.pk AS pk
  FROM ${master} m JOIN pragma_table_info(m.name, ?) p
 WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
 ORDER BY m.name, p.cid`,
        params: [schema],
      },
      foreignKeys: {
        sql: `SELECT m.name || '_fk' || f.id AS name, m.name AS table_name, f."from" AS column_name,
       ? AS ref_schema, f."table" AS ref_table, f."to" AS ref_column
  FROM ${master} m JOIN pragma_foreign_key_list(m.name, ?) f
 WHERE m.type = 'table'
 ORDER BY m.name, f.id, f.seq`,
        params: [schema, schema],
      },
    }
  }
}

/** The names bound as one parameter (a JSON array), lower-cased as the column they are compared with. */
const LISTED = '(SELECT lower(value) FROM json_each(?))'
const EXACT = '(SELECT value FROM json_each(?))'
/** A table whose CREATE text names none of the listed (a column, a referenced table) is not read: no pragma call for it. */
const MENTIONS = `EXISTS (SELECT 1 FROM json_each(?) w WHERE instr(lower(m.sql), lower(w.value)) > 0)`

/** The same statements filtered by name (the graph around a few tables). */
export function sqliteGraphAroundQueries(
  quoteIdentifier: (name: string) => string,
): (database: string, schema: string) => SchemaGraphAroundQueries {
  return (database, schema) => {
    const whole = sqliteGraphQueries(quoteIdentifier)(database, schema)
    const columnsWhere = (filter: string) => whole.columns.sql.replace('\n ORDER BY', `${filter}\n ORDER BY`)
    const keysWhere = (filter: string) => whole.foreignKeys.sql.replace('\n ORDER BY', `${filter}\n ORDER BY`)
    return {
      columnsOf: (tables) => ({
        sql: columnsWhere(` AND lower(m.name) IN ${LISTED}`),
        params: [schema, JSON.stringify(tables)],
      }),
      foreignKeysOf: (tables) => ({
        // The first condition is the table's alone, so SQLite tests it before calling the pragma.
        sql: keysWhere(
          ` AND (m.name IN ${EXACT} OR ${MENTIONS}) AND (m.name IN ${EXACT} OR lower(f."table") IN ${LISTED})`,
        ),
        params: [schema, schema, ...Array<string>(4).fill(JSON.stringify(tables))],
      }),
      columnsNamed: (names) => ({
        sql: `SELECT m.name AS table_name, p.name AS column_name
  FROM ${quoteIdentifier(schema)}.sqlite_schema m JOIN pragma_table_info(m.name, ?) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND ${MENTIONS} AND lower(p.name) IN ${LISTED}`,
        params: [schema, JSON.stringify(names), JSON.stringify(names)],
      }),
    }
  }
}
