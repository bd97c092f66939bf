import type { BuiltTableQuery } from '../../../shared/contract'

/**
 * A schema's functions and procedures (not those an extension installed), sequences and user
 * triggers, for the tree. Columns: kind, name, detail. prokind needs PostgreSQL 11.
 */
const OBJECTS = `
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind, p.proname AS name,
       '(' || pg_get_function_identity_arguments(p.oid) || ')' AS detail
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1 AND p.prokind IN ('f', 'p')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'sequence', c.relname, NULL
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relkind = 'S'
UNION ALL
SELECT 'trigger', t.tgname, 'on ' || c.relname
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND NOT t.tgisinternal
 ORDER BY 1, 2, 3`

/** The objects statement for one schema (its name bound as a parameter). */
export const postgresObjectsQuery = (schema: string): BuiltTableQuery => ({ sql: OBJECTS, params: [schema] })
