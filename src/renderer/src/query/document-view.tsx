import { useEffect, useState, useSyncExternalStore } from 'react'
import type { RowStore } from '../grid/row-store'
import { TID } from '../test-ids'
import { documentNodes } from './document-tree'
import type { DocNode } from './document-tree'

/** Documents drawn at first, and added per "more": a tree per document is heavier than a grid row. */
const PAGE = 50

/**
 * The result's documents as collapsible trees (details/summary), read from the same row store as
 * the grid. `onViewEnd` hears where the documents drawn end (a paged collection loads its next page).
 */
export function DocumentView({
  store,
  onViewEnd,
}: {
  store: RowStore
  onViewEnd?: ((end: number, rowCount: number) => void) | undefined
}) {
  useSyncExternalStore(store.subscribe, () => store.version)
  const [shown, setShown] = useState(PAGE)
  const count = Math.min(shown, store.rowCount)
  const rowCount = store.rowCount
  useEffect(() => onViewEnd?.(count, rowCount), [count, rowCount, onViewEnd])
  const columns = store.columns
  return (
    <div className="document-view" data-testid={TID.documentView}>
      {Array.from({ length: count }, (_, index) => {
        const nodes = documentNodes(columns, store.getRow(index) ?? [])
        return (
          <details key={index} className="doc" open={index < 3} data-testid={TID.documentItem}>
            <summary>
              <span className="doc-index">{index + 1}</span> {preview(nodes)}
            </summary>
            <DocFields nodes={nodes} />
          </details>
        )
      })}
      {store.rowCount > count ? (
        <button onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, store.rowCount - count)} more of {(store.rowCount - count).toLocaleString('en-US')}
        </button>
      ) : null}
    </div>
  )
}

function DocFields({ nodes }: { nodes: DocNode[] }) {
  return (
    <ul className="doc-fields">
      {nodes.map((node, i) => (
        <li key={`${node.key}-${i}`}>
          {node.children ? (
            <details>
              <summary>
                <span className="doc-key">{node.key}</span>: <span className="doc-summary">{node.text}</span>
              </summary>
              <DocFields nodes={node.children} />
            </details>
          ) : (
            <>
              <span className="doc-key">{node.key}</span>:{' '}
              <span className={`doc-value doc-${node.kind}`}>{node.text}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}

/** The first fields of a document on one line, for its collapsed summary. */
function preview(nodes: DocNode[]): string {
  const text = nodes
    .slice(0, 4)
    .map((node) => `${node.key}: ${node.text}`)
    .join(', ')
  return text.length > 160 ? `${text.slice(0, 160)}…` : text
}
