import { countText } from '../../../shared/formats/count-text'
import type { JsonNode } from './viewer-formats'

/** A JSON value as a collapsible tree: each object and array folds (native <details>). */
export function JsonTreeView({ node }: { node: JsonNode }) {
  return (
    <div className="qgrid-json-tree" data-testid="cell-viewer-json-tree">
      <JsonValue node={node} label={null} />
    </div>
  )
}

function JsonValue({ node, label }: { node: JsonNode; label: string | null }) {
  const key = label === null ? null : <span className="qgrid-json-key">{label}: </span>
  if (node.kind === 'literal') {
    const kind = node.text.startsWith('"') ? 'string' : node.text === 'null' ? 'null' : 'scalar'
    return (
      <div className="qgrid-json-row">
        {key}
        <span className={`qgrid-json-${kind}`}>{node.text}</span>
      </div>
    )
  }
  const children: [string, JsonNode][] =
    node.kind === 'object' ? node.entries : node.items.map((item, i) => [String(i), item])
  const [open, close] = node.kind === 'object' ? ['{', '}'] : ['[', ']']
  if (children.length === 0) {
    return (
      <div className="qgrid-json-row">
        {key}
        {open}
        {close}
      </div>
    )
  }
  return (
    <details open className="qgrid-json-node">
      <summary>
        {key}
        {open}
        <span className="qgrid-json-count">
          {' '}
          {countText(children.length, node.kind === 'object' ? 'key' : 'item')} {close}
        </span>
      </summary>
      <div className="qgrid-json-children">
        {children.map(([childKey, child], i) => (
          <JsonValue key={i} node={child} label={childKey} />
        ))}
      </div>
    </details>
  )
}
