import type { GraphTable, SchemaGraph } from '../contract'

/** A relationship guessed from names: `table.column` looks like it refers to `refTable.refColumn`. */
export interface InferredKey {
  table: string
  column: string
  refTable: string
  refColumn: string
}

/**
 * Columns named `<thing>_id` (any case) that no declared foreign key covers, whose `<thing>` names a
 * table (as is, or plural: `s`, `es`, `y` → `ies`) with a one-column primary key called `id` or the
 * same as the column, of the same type (sizes and case aside). A table never infers itself.
 */
export function inferredKeys(graph: SchemaGraph): InferredKey[] {
  const byName = new Map(graph.tables.map((table) => [table.name.toLowerCase(), table]))
  const declared = new Set(
    graph.foreignKeys.flatMap((key) => key.columns.map((column) => `${key.table}\u0000${column}`)),
  )
  const found: InferredKey[] = []
  for (const table of graph.tables) {
    if (table.kind !== 'table') continue
    for (const column of table.columns) {
      const names = referredTables(column.name)
      if (!names || declared.has(`${table.name}\u0000${column.name}`)) continue
      const target = names
        .map((name) => byName.get(name))
        .find((t): t is GraphTable => t !== undefined && t.name !== table.name)
      const key = target ? singleKey(target) : undefined
      if (!target || !key) continue
      const named = key.name.toLowerCase() === 'id' || key.name.toLowerCase() === column.name.toLowerCase()
      if (named && sameType(key.type, column.type)) {
        found.push({ table: table.name, column: column.name, refTable: target.name, refColumn: key.name })
      }
    }
  }
  return found
}

function candidates(stem: string): string[] {
  const plural = stem.endsWith('y') ? `${stem.slice(0, -1)}ies` : `${stem}s`
  return [stem, plural, `${stem}es`]
}

/** The tables (lower case, in the order tried) a `<thing>_id` column may refer to; null for another column. */
export function referredTables(column: string): string[] | null {
  const match = /^(.+)_id$/i.exec(column)
  return match ? candidates(match[1]!.toLowerCase()) : null
}

/** The column names (lower case) that may refer to a table by its name: `<thing>_id` for each `<thing>` naming it. */
export function referringColumns(table: string): string[] {
  const name = table.toLowerCase()
  const stems = new Set([name, name.slice(0, -1), name.slice(0, -2), `${name.slice(0, -3)}y`])
  return [...stems].filter((stem) => stem !== '' && candidates(stem).includes(name)).map((stem) => `${stem}_id`)
}

function singleKey(table: GraphTable) {
  const key = table.columns.filter((c) => c.pk > 0)
  return key.length === 1 ? key[0] : undefined
}

const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  int8: 'bigint',
  bigserial: 'bigint',
  int2: 'smallint',
  'character varying': 'varchar',
  uniqueidentifier: 'uuid',
}

/** Types compared without sizes, case or the usual aliases (`int` = `integer` = `int4`). */
export function sameType(a: string, b: string): boolean {
  return normalType(a) === normalType(b)
}

function normalType(type: string): string {
  const bare = type
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/\s+unsigned$/, '')
    .trim()
  return ALIASES[bare] ?? bare
}
