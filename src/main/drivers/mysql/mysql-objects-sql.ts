import type { BuiltTableQuery } from '../../../shared/contract'

/**
 * A MySQL database's (the tree's schema's) routines, triggers and MariaDB sequences. Columns:
 * kind, name, detail.
 */
const OBJECTS = `
SELECT LOWER(ROUTINE_TYPE) AS kind, ROUTINE_NAME AS name, NULL AS detail
  FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?
UNION ALL
SELECT 'trigger', TRIGGER_NAME, CONCAT(LOWER(ACTION_TIMING), ' ', LOWER(EVENT_MANIPULATION), ' on ', EVENT_OBJECT_TABLE)
  FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?
UNION ALL
SELECT 'sequence', TABLE_NAME, NULL
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE'
 ORDER BY 1, 2`

/** The objects statement for one schema (its name bound as a parameter). */
export const mysqlObjectsQuery = (schema: string): BuiltTableQuery => ({
  sql: OBJECTS,
  params: [schema, schema, schema],
})
