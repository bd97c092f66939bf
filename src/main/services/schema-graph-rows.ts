import type { GraphForeignKey, GraphTable, SchemaGraph, WireValue } from '../../shared/contract'

/** The graph from the catalog rows (see SchemaGraphQueries for their columns). Pure. */
export function buildSchemaGraph(
  schema: string,
  columnRows: readonly (readonly WireValue[])[],
  keyRows: readonly (readonly WireValue[])[],
): SchemaGraph {
  const tables = new Map<string, GraphTable>()
  for (const [tableName, kind, name, type, nullable, pk] of columnRows) {
    const table = text(tableName)
    const entry = tables.get(table) ?? { name: table, kind: text(kind) === 'view' ? 'view' : 'table', columns: [] }
    tables.set(table, entry)
    entry.columns.push({ name: text(name), type: text(type), pk: int(pk), nullable: int(nullable) !== 0 })
  }
  const keys = new Map<string, GraphForeignKey>()
  for (const [name, tableName, column, refSchema, refTable, refColumn] of keyRows) {
    const table = text(tableName)
    const id = `${table}\u0000${text(name)}`
    const key = keys.get(id) ?? {
      name: text(name),
      table,
      columns: [],
      refSchema: text(refSchema) || schema,
      refTable: text(refTable),
      refColumns: [],
    }
    keys.set(id, key)
    key.columns.push(text(column))
    key.refColumns.push(refColumn === null ? '' : text(refColumn))
  }
  const foreignKeys = [...keys.values()].map((key) => resolveImplicit(key, tables))
  return { schema, tables: [...tables.values()], foreignKeys }
}

/** A key naming no referenced columns (SQLite `REFERENCES t`) points at that table's primary key. */
function resolveImplicit(key: GraphForeignKey, tables: Map<string, GraphTable>): GraphForeignKey {
  if (!key.refColumns.includes('')) return key
  const pk = (tables.get(key.refTable)?.columns ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
  return { ...key, refColumns: key.refColumns.map((name, i) => name || (pk[i]?.name ?? '')) }
}

/** A catalog cell as text ('' for NULL). */
export function text(value: WireValue | undefined): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return 'v' in value && typeof value.v === 'string' ? value.v : JSON.stringify(value)
}

function int(value: WireValue | undefined): number {
  if (typeof value === 'boolean') return value ? 1 : 0
  const n = Number(text(value))
  return Number.isFinite(n) ? n : 0
}
