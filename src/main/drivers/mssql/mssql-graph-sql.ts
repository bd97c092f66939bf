import type { SchemaGraphQueries } from '../driver'

/**
 * The ER diagram's catalog statements for one schema, from the sys views of the connection's
 * database (the service runs them there): every column of its tables and views with its type text
 * and its position in the primary key (sys.index_columns.key_ordinal), then every foreign key
 * column pair in key order (sys.foreign_key_columns.constraint_column_id). The schema's name is
 * @p1, never spliced. Two statements whatever the number of tables.
 */
const COLUMNS = `
SELECT o.name AS table_name, CASE o.type WHEN 'V' THEN 'view' ELSE 'table' END AS kind, c.name AS column_name,
       CASE
         WHEN t.is_user_defined = 1 THEN t.name
         WHEN t.name IN ('varchar', 'char', 'varbinary', 'binary')
           THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length AS varchar(10)) END + ')'
         WHEN t.name IN ('nvarchar', 'nchar')
           THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length / 2 AS varchar(10)) END + ')'
         WHEN t.name IN ('decimal', 'numeric')
           THEN t.name + '(' + CAST(c.precision AS varchar(10)) + ',' + CAST(c.scale AS varchar(10)) + ')'
         WHEN t.name IN ('datetime2', 'datetimeoffset', 'time') THEN t.name + '(' + CAST(c.scale AS varchar(10)) + ')'
         ELSE t.name
       END AS type,
       CAST(c.is_nullable AS int) AS nullable, COALESCE(CAST(ic.key_ordinal AS int), 0) AS pk
  FROM sys.objects o
  JOIN sys.schemas s ON s.schema_id = o.schema_id
  JOIN sys.columns c ON c.object_id = o.object_id
  JOIN sys.types t ON t.user_type_id = c.user_type_id
  LEFT JOIN sys.indexes i ON i.object_id = o.object_id AND i.is_primary_key = 1
  LEFT JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.column_id = c.column_id
 WHERE s.name = @p1 AND o.type IN ('U', 'V') AND o.is_ms_shipped = 0
 ORDER BY o.name, c.column_id`

const FOREIGN_KEYS = `
SELECT fk.name AS name, po.name AS table_name, pc.name AS column_name,
       rs.name AS ref_schema, ro.name AS ref_table, rc.name AS ref_column
  FROM sys.foreign_keys fk
  JOIN sys.objects po ON po.object_id = fk.parent_object_id
  JOIN sys.schemas s ON s.schema_id = po.schema_id
  JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
  JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
  JOIN sys.objects ro ON ro.object_id = fk.referenced_object_id
  JOIN sys.schemas rs ON rs.schema_id = ro.schema_id
  JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
 WHERE s.name = @p1
 ORDER BY po.name, fk.name, fkc.constraint_column_id`

export const mssqlGraphQueries = (_database: string, schema: string): SchemaGraphQueries => ({
  columns: { sql: COLUMNS, params: [schema] },
  foreignKeys: { sql: FOREIGN_KEYS, params: [schema] },
})
