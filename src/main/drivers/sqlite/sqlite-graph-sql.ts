import type { SchemaGraphQueries } from '../driver'

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
