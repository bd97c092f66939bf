/**
 * Catalog queries, from the sys views. Every name is a parameter: a query about one database runs
 * in it through `EXEC @proc`, where @proc is `QUOTENAME(@database) + '.sys.sp_executesql'`, built
 * by the server from the parameter; objects are found with OBJECT_ID(QUOTENAME(@schema) + '.' +
 * QUOTENAME(@table)). Nothing the user named is ever spliced into SQL text here.
 */

/** Runs @stmt in database @database, with @schema and @table passed on as parameters. */
export const IN_DATABASE = `DECLARE @proc nvarchar(300) = QUOTENAME(@database) + N'.sys.sp_executesql';
IF @proc IS NULL OR DB_ID(@database) IS NULL OR HAS_DBACCESS(@database) = 0
  THROW 50404, N'Database not found or not accessible', 1;
EXEC @proc @stmt, N'@schema sysname, @table sysname', @schema = @schema, @table = @table;`

export const SERVER_VERSION = `SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS version,
  CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, @@VERSION AS banner`

/** Databases this login can open, with their size on disk (null without VIEW ANY DEFINITION). */
export const DATABASES = `SELECT d.name,
    (SELECT SUM(CAST(mf.size AS bigint)) * 8192 FROM sys.master_files mf WHERE mf.database_id = d.database_id) AS bytes
  FROM sys.databases d WHERE HAS_DBACCESS(d.name) = 1 ORDER BY d.name`

/** sys, INFORMATION_SCHEMA, guest and the fixed database roles' schemas (16384+) are the system's. */
export const SCHEMAS = `SELECT s.name,
    CASE WHEN s.name IN (N'sys', N'INFORMATION_SCHEMA', N'guest') OR s.schema_id >= 16384 THEN 1 ELSE 0 END AS isSystem
  FROM sys.schemas s ORDER BY s.name`

export const SCHEMA_EXISTS = `SELECT 1 AS found FROM sys.schemas WHERE name = @schema`

/** Tables and views of a schema; a table's rows from sys.partitions (heap or clustered index), an estimate. */
export const TABLES = `SELECT o.name, RTRIM(o.type) AS type,
    (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)) AS estimate
  FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id
  WHERE s.name = @schema AND o.type IN ('U', 'V') AND o.is_ms_shipped = 0 ORDER BY o.name`

const OBJECT = `OBJECT_ID(QUOTENAME(@schema) + N'.' + QUOTENAME(@table))`

export const OBJECT_KIND = `SELECT RTRIM(o.type) AS type, OBJECT_DEFINITION(o.object_id) AS definition
  FROM sys.objects o WHERE o.object_id = ${OBJECT} AND o.type IN ('U', 'V')`

export const COLUMNS = `SELECT c.name, t.name AS typeName, t.is_user_defined AS userType, c.max_length AS maxLength,
    c.precision, c.scale, c.is_nullable AS nullable, c.is_identity AS isIdentity,
    CAST(idc.seed_value AS nvarchar(40)) AS seed, CAST(idc.increment_value AS nvarchar(40)) AS increment,
    dc.definition AS dflt, cc.definition AS computed, CAST(ep.value AS nvarchar(4000)) AS comment
  FROM sys.columns c
  JOIN sys.types t ON t.user_type_id = c.user_type_id
  LEFT JOIN sys.identity_columns idc ON idc.object_id = c.object_id AND idc.column_id = c.column_id
  LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
  LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
  LEFT JOIN sys.extended_properties ep
    ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = N'MS_Description'
  WHERE c.object_id = ${OBJECT} ORDER BY c.column_id`

/** Index key columns in key order (included columns are not part of the key, and left out). */
export const INDEXES = `SELECT i.name, i.is_unique AS isUnique, i.is_primary_key AS isPrimary,
    i.filter_definition AS predicate, c.name AS col, i.type_desc AS method
  FROM sys.indexes i
  JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
  JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
  WHERE i.object_id = ${OBJECT} AND i.index_id > 0 AND i.is_hypothetical = 0 AND ic.is_included_column = 0
  ORDER BY i.is_primary_key DESC, i.name, ic.key_ordinal, ic.index_column_id`

/** CHECK constraints with their condition as the server keeps it (in parentheses). */
export const CHECKS = `SELECT k.name, k.definition AS expression FROM sys.check_constraints k
  WHERE k.parent_object_id = ${OBJECT} ORDER BY k.name`

export const FOREIGN_KEYS = `SELECT fk.name, pc.name AS col, OBJECT_SCHEMA_NAME(fk.referenced_object_id) AS refSchema,
    OBJECT_NAME(fk.referenced_object_id) AS refTable, rc.name AS refCol,
    fk.update_referential_action_desc AS onUpdate, fk.delete_referential_action_desc AS onDelete
  FROM sys.foreign_keys fk
  JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
  JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
  JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
  WHERE fk.parent_object_id = ${OBJECT} ORDER BY fk.name, fkc.constraint_column_id`
