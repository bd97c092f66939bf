import type { ColumnInfo, TableInfo } from '../../../../shared/contract'
import type { CompletionContext, TableRef } from './completion-context'

/** What completion knows of the schema right now; null where it has not been loaded yet. */
export interface CatalogSnapshot {
  /** Where unqualified names resolve. */
  defaultSchema: string | null
  schemas(): readonly string[] | null
  tables(schema: string): readonly TableInfo[] | null
  columns(schema: string, table: string): readonly ColumnInfo[] | null
}

/** Metadata completion would use but the snapshot lacks: load it, then complete again. */
export type MissingMetadata =
  { kind: 'schemas' } | { kind: 'tables'; schema: string } | { kind: 'columns'; schema: string; table: string }

/** One option, as CodeMirror's Completion takes it. */
export interface SqlCompletion {
  label: string
  type: 'namespace' | 'class' | 'type' | 'property' | 'variable' | 'keyword' | 'function'
  detail?: string
  /** Ranks columns above tables above keywords. */
  boost: number
}

export interface CompletionAnswer {
  options: SqlCompletion[]
  missing: MissingMetadata[]
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** The options for a context, from the catalog snapshot and the dialect's words. Pure. */
export function completionOptions(
  context: CompletionContext,
  tables: readonly TableRef[],
  catalog: CatalogSnapshot,
  words: { keywords: readonly string[]; functions: readonly string[] },
): CompletionAnswer {
  const missing: MissingMetadata[] = []
  const options: SqlCompletion[] = []
  const tablesIn = (schema: string): readonly TableInfo[] => {
    const list = catalog.tables(schema)
    if (list === null) missing.push({ kind: 'tables', schema })
    return list ?? []
  }
  const schemaNamed = (name: string): string | null => {
    const schemas = catalog.schemas()
    if (schemas === null) missing.push({ kind: 'schemas' })
    return schemas?.find((schema) => sameName(schema, name)) ?? null
  }
  const columnsOf = (ref: TableRef): readonly ColumnInfo[] => {
    const schema = ref.schema ?? catalog.defaultSchema
    if (schema === null) return []
    const table = tablesIn(schema).find((t) => sameName(t.name, ref.name))
    if (!table) return []
    const columns = catalog.columns(schema, table.name)
    if (columns === null) missing.push({ kind: 'columns', schema, table: table.name })
    return columns ?? []
  }
  const tableOptions = (schema: string) =>
    tablesIn(schema).map((t): SqlCompletion => ({
      label: t.name,
      type: t.kind === 'table' ? 'class' : 'type',
      detail: t.kind,
      boost: 2,
    }))

  switch (context.kind) {
    case 'none':
      break
    case 'relation': {
      if (context.schema !== null) {
        const schema = schemaNamed(context.schema) ?? context.schema
        options.push(...tableOptions(schema))
        break
      }
      if (catalog.defaultSchema !== null) options.push(...tableOptions(catalog.defaultSchema))
      const schemas = catalog.schemas()
      if (schemas === null) missing.push({ kind: 'schemas' })
      for (const schema of schemas ?? []) options.push({ label: schema, type: 'namespace', detail: 'schema', boost: 1 })
      break
    }
    case 'member': {
      const ref = tables.find(
        (t) =>
          (t.alias !== null && sameName(t.alias, context.qualifier)) ||
          (t.alias === null && sameName(t.name, context.qualifier)),
      )
      if (ref) {
        options.push(
          ...columnsOf(ref).map((c): SqlCompletion => ({
            label: c.name,
            type: 'property',
            detail: c.dataType,
            boost: 3,
          })),
        )
        break
      }
      const schema = schemaNamed(context.qualifier)
      if (schema !== null) options.push(...tableOptions(schema))
      break
    }
    case 'expression': {
      const seen = new Set<string>()
      for (const ref of tables) {
        for (const column of columnsOf(ref)) {
          if (seen.has(column.name)) continue
          seen.add(column.name)
          options.push({
            label: column.name,
            type: 'property',
            detail: `${ref.alias ?? ref.name} · ${column.dataType}`,
            boost: 3,
          })
        }
        options.push({
          label: ref.alias ?? ref.name,
          type: 'variable',
          detail: ref.alias ? ref.name : 'table',
          boost: 2,
        })
      }
      options.push(...words.functions.map((f): SqlCompletion => ({ label: f, type: 'function', boost: 0 })))
      options.push(...words.keywords.map((k): SqlCompletion => ({ label: k, type: 'keyword', boost: -1 })))
      break
    }
  }
  return { options, missing: dedupe(missing) }
}

function dedupe(missing: MissingMetadata[]): MissingMetadata[] {
  const seen = new Set<string>()
  return missing.filter((m) => {
    const key = JSON.stringify(m)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
