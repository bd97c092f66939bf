import type { ResultColumn, WireValue } from '../../../shared/contract'
import { parseShellValue } from '../../../shared/mongo-shell/shell-parser'
import type { ShellValue } from '../../../shared/mongo-shell/shell-value'
import { fullText } from '../grid/cell-format'

/** One line of a document's tree: a field (or array item) with its value's text, or its children. */
export interface DocNode {
  key: string
  /** The value as text; for documents and arrays a short summary (`{ 3 fields }`, `[ 2 items ]`). */
  text: string
  /** A value type for styling: 'doc' and 'array' have children. */
  kind: 'doc' | 'array' | 'string' | 'number' | 'null' | 'other'
  children?: DocNode[]
}

const summary = (kind: 'doc' | 'array', n: number) =>
  kind === 'doc' ? `{ ${n} field${n === 1 ? '' : 's'} }` : `[ ${n} item${n === 1 ? '' : 's'} ]`

/**
 * A result row as the document it came from: the fields it has (columns it lacks are left out),
 * nested documents and arrays read back from their shell text into children.
 */
export function documentNodes(columns: readonly ResultColumn[], row: readonly WireValue[]): DocNode[] {
  const nodes: DocNode[] = []
  columns.forEach((column, i) => {
    if (i >= row.length) return // the column arrived after this row: the document has no such field
    const value = row[i]!
    if (typeof value === 'object' && value !== null && value.$ === 'bson') {
      if (value.t === 'Absent') return
      if (value.t === 'Object' || value.t === 'Array') {
        nodes.push(shellNode(column.name, parsed(value.v)))
        return
      }
    }
    nodes.push(wireNode(column.name, value))
  })
  return nodes
}

function parsed(text: string): ShellValue {
  try {
    return parseShellValue(text)
  } catch {
    return { kind: 'string', value: text }
  }
}

function wireNode(key: string, value: WireValue): DocNode {
  const kind =
    value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'other'
  return { key, text: typeof value === 'string' ? JSON.stringify(value) : fullText(value), kind }
}

/** A parsed shell value as a node; documents and arrays get children. */
export function shellNode(key: string, value: ShellValue): DocNode {
  switch (value.kind) {
    case 'object':
      return {
        key,
        kind: 'doc',
        text: summary('doc', value.entries.length),
        children: value.entries.map(([k, v]) => shellNode(k, v)),
      }
    case 'array':
      return {
        key,
        kind: 'array',
        text: summary('array', value.items.length),
        children: value.items.map((v, i) => shellNode(String(i), v)),
      }
    case 'string':
      return { key, kind: 'string', text: JSON.stringify(value.value) }
    case 'number':
      return { key, kind: 'number', text: value.text }
    case 'null':
      return { key, kind: 'null', text: 'null' }
    default:
      return { key, kind: 'other', text: inline(value) }
  }
}

/** A scalar shell value as one line of shell text (constructor calls as written). */
function inline(value: ShellValue): string {
  switch (value.kind) {
    case 'null':
    case 'undefined':
      return value.kind
    case 'bool':
      return String(value.value)
    case 'number':
      return value.text
    case 'string':
      return JSON.stringify(value.value)
    case 'regex':
      return `/${value.pattern}/${value.flags}`
    case 'array':
      return `[${value.items.map(inline).join(', ')}]`
    case 'object':
      return `{${value.entries.map(([k, v]) => `${k}: ${inline(v)}`).join(', ')}}`
    case 'call':
      return `${value.name}(${value.args.map(inline).join(', ')})`
  }
}
