import type { GraphTable } from '../../../shared/contract'
import type { ErEdge, ErModel } from './er-model'

/** Which tables and relationships an export holds: what the diagram shows. */
export interface ErSelection {
  tables: readonly string[]
  withInferred: boolean
}

const shownEdges = (model: ErModel, selection: ErSelection): ErEdge[] => {
  const tables = new Set(selection.tables)
  return model.edges.filter((e) => tables.has(e.from) && tables.has(e.to) && (selection.withInferred || !e.inferred))
}
const shownTables = (model: ErModel, selection: ErSelection): GraphTable[] =>
  selection.tables.flatMap((name) => model.tables.get(name) ?? [])

const MERMAID_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
/** A Mermaid entity name: bare when it may be, else double-quoted (Mermaid has no escape: `"` becomes `'`). */
const mermaidEntity = (name: string): string => (MERMAID_NAME.test(name) ? name : `"${name.replaceAll('"', "'")}"`)
/** A Mermaid attribute word (type or name): characters it cannot hold become `_`. */
const mermaidWord = (word: string): string => word.replace(/[^A-Za-z0-9_()[\],-]/g, '_') || '_'
const mermaidComment = (text: string): string => text.replaceAll('"', "'")

/** The diagram as a Mermaid `erDiagram`: entities with their columns, then relationships with cardinality. */
export function toMermaid(model: ErModel, selection: ErSelection): string {
  const edges = shownEdges(model, selection)
  const fkColumns = new Set(edges.flatMap((e) => e.fromColumns.map((c) => `${e.from}\u0000${c}`)))
  const lines = ['erDiagram']
  for (const table of shownTables(model, selection)) {
    lines.push(`    ${mermaidEntity(table.name)} {`)
    for (const column of table.columns) {
      const keys = [column.pk > 0 ? 'PK' : '', fkColumns.has(`${table.name}\u0000${column.name}`) ? 'FK' : '']
      const mark = keys.filter(Boolean).join(', ')
      const name = mermaidWord(column.name)
      const comment = name === column.name ? '' : ` "${mermaidComment(column.name)}"`
      lines.push(`        ${mermaidWord(column.type)} ${name}${mark ? ` ${mark}` : ''}${comment}`.trimEnd())
    }
    lines.push('    }')
  }
  for (const edge of edges) {
    const parent = edge.optional ? '|o' : '||'
    const child = edge.oneToOne ? 'o|' : 'o{'
    const line = edge.inferred ? '..' : '--'
    const label = edge.inferred ? 'inferred' : edge.name
    lines.push(
      `    ${mermaidEntity(edge.to)} ${parent}${line}${child} ${mermaidEntity(edge.from)} : "${mermaidComment(label)}"`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** A DBML quoted name (`"` and `\` escaped). */
const dbmlName = (name: string): string => `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
const dbmlType = (type: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*(\([0-9, ]*\))?$/.test(type) ? type : dbmlName(type)
const dbmlColumns = (table: string, columns: readonly string[]): string =>
  columns.length === 1
    ? `${dbmlName(table)}.${dbmlName(columns[0]!)}`
    : `${dbmlName(table)}.(${columns.map(dbmlName).join(', ')})`

/** The diagram as DBML: tables (one-column keys as `[pk]`, composite ones as a pk index), then refs. */
export function toDbml(model: ErModel, selection: ErSelection): string {
  const blocks: string[] = []
  for (const table of shownTables(model, selection)) {
    const key = table.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const lines = [`Table ${dbmlName(table.name)} {`]
    for (const column of table.columns) {
      const settings = [key.length === 1 && column.pk > 0 ? 'pk' : '', column.nullable ? '' : 'not null'].filter(
        Boolean,
      )
      lines.push(
        `  ${dbmlName(column.name)} ${dbmlType(column.type)}${settings.length ? ` [${settings.join(', ')}]` : ''}`,
      )
    }
    if (key.length > 1)
      lines.push('', '  indexes {', `    (${key.map((c) => dbmlName(c.name)).join(', ')}) [pk]`, '  }')
    lines.push('}')
    blocks.push(lines.join('\n'))
  }
  const refs = shownEdges(model, selection).map((edge) => {
    const kind = edge.oneToOne ? '-' : '>'
    const ref = `Ref: ${dbmlColumns(edge.from, edge.fromColumns)} ${kind} ${dbmlColumns(edge.to, edge.toColumns)}`
    return edge.inferred ? `${ref} // inferred` : `${ref} // ${edge.name.replaceAll('\n', ' ')}`
  })
  return `${[...blocks, ...(refs.length ? [refs.join('\n')] : [])].join('\n\n')}\n`
}
