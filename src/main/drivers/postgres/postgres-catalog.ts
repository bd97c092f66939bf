/**
 * The catalog queries of the PostgreSQL driver. Every name is a bound parameter; nothing is
 * spliced. Row counts are pg_class.reltuples estimates, never count(*).
 */

/** System schemas: shown only when asked for. */
const IS_SYSTEM_SCHEMA = `(nspname IN ('pg_catalog', 'information_schema')
  OR nspname LIKE 'pg\\_toast%' OR nspname LIKE 'pg\\_temp\\_%')`

/** Databases one can connect to, with their size where we may read it. */
export const DATABASES = `
SELECT datname AS name,
  CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END::float8 AS size
FROM pg_database
WHERE datallowconn AND NOT datistemplate
ORDER BY datname`

/** $1: include system schemas. */
export const SCHEMAS = `
SELECT nspname AS name, ${IS_SYSTEM_SCHEMA} AS "isSystem"
FROM pg_namespace
WHERE $1::boolean OR NOT ${IS_SYSTEM_SCHEMA}
ORDER BY ${IS_SYSTEM_SCHEMA}, nspname`

/**
 * Tables, views, materialized views, partitioned and foreign tables of schema $1. No rows: no
 * such schema; one row with a null name: an empty schema. A partitioned table's estimate is the
 * sum over its leaf partitions (its own reltuples stays -1).
 */
export const TABLES = `
SELECT c.relname AS name, c.relkind AS kind,
  CASE WHEN c.relkind = 'p' THEN (
    SELECT sum(pc.reltuples) FILTER (WHERE pc.reltuples >= 0)
    FROM pg_partition_tree(c.oid) t JOIN pg_class pc ON pc.oid = t.relid WHERE t.isleaf
  ) ELSE c.reltuples END::float8 AS estimate
FROM pg_namespace n
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
WHERE n.nspname = $1
ORDER BY c.relname`

export const SCHEMA_EXISTS = 'SELECT 1 FROM pg_namespace WHERE nspname = $1'

const NAMES_OF = (attnums: string, relid: string) => `ARRAY(
  SELECT a.attname::text FROM unnest(${attnums}) WITH ORDINALITY AS key(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = ${relid} AND a.attnum = key.attnum ORDER BY key.ord)`

/** Everything the structure view shows about relation $2 in schema $1, in one round trip. */
export const TABLE_SCHEMA = `
SELECT c.relkind AS kind,
  quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qualified,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS "viewDefinition",
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
  (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname)
    FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE c.relispartition AND i.inhrelid = c.oid) AS "partitionParent",
  pg_get_expr(c.relpartbound, c.oid) AS "partitionBound",
  (SELECT quote_ident(s.srvname) FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver
    WHERE ft.ftrelid = c.oid) AS "foreignServer",
  (SELECT coalesce(json_agg(json_build_object(
      'name', a.attname, 'quoted', quote_ident(a.attname),
      'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
      'default', pg_get_expr(d.adbin, d.adrelid), 'identity', a.attidentity, 'generated', a.attgenerated,
      'comment', col_description(c.oid, a.attnum)
    ) ORDER BY a.attnum), '[]')
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  (SELECT coalesce(json_agg(json_build_object(
      'name', i.relname, 'unique', x.indisunique, 'primary', x.indisprimary, 'method', am.amname,
      'predicate', pg_get_expr(x.indpred, x.indrelid, true),
      'parts', ARRAY(
        SELECT CASE WHEN x.indkey[p] = 0 THEN pg_get_indexdef(x.indexrelid, p + 1, true)
          ELSE (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[p])
        END FROM generate_series(0, x.indnkeyatts - 1) AS p ORDER BY p),
      'expressions', x.indexprs IS NOT NULL,
      'definition', pg_get_indexdef(x.indexrelid),
      'constraint', EXISTS (SELECT 1 FROM pg_constraint o WHERE o.conindid = x.indexrelid AND o.conrelid = c.oid)
    ) ORDER BY x.indisprimary DESC, i.relname), '[]')
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
    WHERE x.indrelid = c.oid) AS indexes,
  (SELECT coalesce(json_agg(json_build_object(
      'name', k.conname, 'quoted', quote_ident(k.conname), 'type', k.contype, 'columns', ${NAMES_OF('k.conkey', 'k.conrelid')},
      'referencedSchema', rn.nspname, 'referencedTable', r.relname,
      'referencedColumns', ${NAMES_OF('k.confkey', 'k.confrelid')},
      'onUpdate', k.confupdtype, 'onDelete', k.confdeltype,
      'definition', pg_get_constraintdef(k.oid, true), 'inherited', NOT k.conislocal
    ) ORDER BY position(k.contype IN 'pufcxt'), k.conname), '[]')
    FROM pg_constraint k
    LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
    WHERE k.conrelid = c.oid) AS constraints
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`

/** format_type for each (oid, typmod) pair of $1 and $2, in order: result column type names. */
export const TYPE_NAMES = `
SELECT format_type(t.type, t.typmod) AS name
FROM unnest($1::oid[], $2::int4[]) WITH ORDINALITY AS t(type, typmod, ord)
ORDER BY t.ord`

/** Schema, table and column names of (table OID, attribute number) pairs, in order; NULLs where gone. */
export const COLUMN_ORIGINS = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column
FROM unnest($1::oid[], $2::int2[]) WITH ORDINALITY AS x(rel, att, ord)
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.rel AND a.attnum = x.att AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
ORDER BY x.ord`

export const SERVER_VERSION = 'SHOW server_version'

/**
 * For metadata sessions: catalog queries never gain from JIT, and the first compile in a backend
 * costs a tenth of a second or more (listing 10,000 tables: 60 ms with it, 12 ms without).
 */
export const METADATA_SESSION_SETUP =
  "SELECT set_config('jit', 'off', false) WHERE current_setting('server_version_num')::int >= 110000"
