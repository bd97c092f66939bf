import { QuarryFailure } from '../../../shared/contract'
import type { EditKey, EngineId, TableSchema } from '../../../shared/contract'

/**
 * The key that identifies a table's rows for editing: its primary key; else a unique key whose
 * columns are all NOT NULL (full, not partial, on plain columns); else the key the user chose;
 * else, when every change is an insert (which needs no key), none; else a refusal that says why
 * and that a key can be chosen.
 */
export function findEditKey(
  table: TableSchema,
  chosen: readonly string[] | undefined,
  engine: EngineId,
  insertsOnly = false,
): EditKey {
  if (table.primaryKey.length > 0) return { columns: [...table.primaryKey], source: 'primary-key' }
  const columns = new Map(table.columns.map((column) => [column.name, column]))
  const notNull = (name: string) => columns.get(name)?.nullable === false
  const unique = table.indexes.find(
    (index) => index.unique && index.predicate === null && index.columns.length > 0 && index.columns.every(notNull),
  )
  if (unique) return { columns: [...unique.columns], source: 'unique' }
  const single = table.columns.find((column) => column.unique && !column.nullable)
  if (single) return { columns: [single.name], source: 'unique' }
  if (chosen && chosen.length > 0) {
    const missing = chosen.find((name) => !columns.has(name))
    if (missing !== undefined) {
      const message = `The chosen key names "${missing}", which is not a column of ${table.name}`
      throw new QuarryFailure({ kind: 'invalid-input', path: 'keyColumns', message, engine })
    }
    if (new Set(chosen).size !== chosen.length) {
      const message = 'The chosen key names a column twice'
      throw new QuarryFailure({ kind: 'invalid-input', path: 'keyColumns', message, engine })
    }
    return { columns: [...chosen], source: 'chosen' }
  }
  if (insertsOnly) return { columns: [], source: 'none' }
  const message =
    `${table.name} has no primary key and no unique key on NOT NULL columns, so a row cannot be told ` +
    'apart from the others: choose the columns that identify a row (each change must then match exactly one row). ' +
    'Inserts alone need no key'
  throw new QuarryFailure({ kind: 'invalid-input', path: 'keyColumns', message, engine })
}
