import type { BuiltTableQuery } from '../../../shared/contract'

/**
 * A schema's user functions (scalar, inline and multi-statement table-valued, CLR) and procedures,
 * its sequences, and the DML triggers of its tables and views, for the tree. Columns: kind, name,
 * detail (a routine's parameters, a trigger's timing, events and table). Runs in the tree's
 * database (the catalog views are per database); the schema's name is @p1.
 */
const OBJECTS = `
SELECT CASE WHEN o.type IN ('P', 'PC') THEN 'procedure' ELSE 'function' END AS kind, o.name AS name,
       '(' + ISNULL(STUFF((SELECT ', ' + p.name + ' ' + TYPE_NAME(p.user_type_id)
                             FROM sys.parameters p
                            WHERE p.object_id = o.object_id AND p.parameter_id > 0
                            ORDER BY p.parameter_id
                              FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)'), 1, 2, ''), '') + ')' AS detail
  FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id
 WHERE s.name = @p1 AND o.type IN ('P', 'PC', 'FN', 'IF', 'TF', 'FS', 'FT') AND o.is_ms_shipped = 0
UNION ALL
SELECT 'sequence', q.name, NULL
  FROM sys.sequences q JOIN sys.schemas s ON s.schema_id = q.schema_id
 WHERE s.name = @p1
UNION ALL
SELECT 'trigger', t.name,
       CASE WHEN t.is_instead_of_trigger = 1 THEN 'instead of ' ELSE 'after ' END
       + LOWER(STUFF((SELECT ', ' + e.type_desc FROM sys.trigger_events e
                       WHERE e.object_id = t.object_id ORDER BY e.type
                         FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)'), 1, 2, ''))
       + ' on ' + o.name
  FROM sys.triggers t JOIN sys.objects o ON o.object_id = t.parent_id JOIN sys.schemas s ON s.schema_id = o.schema_id
 WHERE s.name = @p1 AND t.parent_class = 1 AND t.is_ms_shipped = 0
 ORDER BY 1, 2, 3`

/** The objects statement for one schema (its name bound as a parameter). */
export const mssqlObjectsQuery = (schema: string): BuiltTableQuery => ({ sql: OBJECTS, params: [schema] })
