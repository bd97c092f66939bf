import { useEffect, useMemo, useState } from 'react'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { TreeStore } from '../tree/tree-store'
import { fuzzyScore } from './fuzzy-match'
import { buildJumpIndex } from './open-anything-index'
import type { JumpIndex, JumpTarget } from './open-anything-index'

/** Rows the list shows at most. */
const SHOWN = 50

const KIND_WORDS: Record<string, string> = {
  table: 'table',
  'partitioned-table': 'table',
  'virtual-table': 'table',
  view: 'view',
  'materialized-view': 'materialized view',
}

/**
 * Ctrl/Cmd+P: type part of a name, jump to any table, view or routine of the open connections.
 * It reads what the tree has loaded and loads the rest (bounded; it says what it left out).
 */
export function OpenAnythingDialog(props: {
  store: TreeStore
  onPick: (target: JumpTarget) => void
  onClose: () => void
}) {
  const { store, onPick, onClose } = props
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [index, setIndex] = useState<JumpIndex>({ targets: [], notes: [] })
  const [loading, setLoading] = useState(true)
  useEffect(() => {
    let live = true
    void buildJumpIndex(store, (progress) => live && setIndex({ ...progress, targets: [...progress.targets] })).then(
      (done) => {
        if (!live) return
        setIndex(done)
        setLoading(false)
      },
    )
    return () => {
      live = false
    }
  }, [store])
  const matches = useMemo(() => rank(index.targets, query), [index, query])
  const pick = (target: JumpTarget | undefined): void => {
    if (!target) return
    onClose()
    onPick(target)
  }
  return (
    <ModalDialog title="Open anything" testId={TID.openAnything} className="open-anything" onClose={onClose}>
      <input
        autoFocus
        type="search"
        data-testid={TID.openAnythingInput}
        aria-label="Table, view or routine name"
        aria-controls="open-anything-list"
        placeholder="Table, view or routine name…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setActive((at) => Math.max(0, Math.min(matches.length - 1, at + step)))
          } else if (event.key === 'Enter') {
            event.preventDefault()
            pick(matches[active])
          }
        }}
      />
      <ul id="open-anything-list" className="open-anything-list" role="listbox" aria-label="Matches">
        {matches.map((target, at) => (
          <li
            key={target.node.id}
            role="option"
            aria-selected={at === active}
            data-testid={TID.openAnythingItem}
            data-name={target.name}
            className={at === active ? 'active' : undefined}
            onMouseMove={() => setActive(at)}
            onClick={() => pick(target)}
          >
            <span className="open-anything-kind">{kindOf(target)}</span>
            <span className="open-anything-name">{target.name}</span>
            <span className="open-anything-where">{target.where}</span>
          </li>
        ))}
      </ul>
      <div className="open-anything-status muted" data-testid={TID.openAnythingMessage} role="status">
        {loading
          ? `Loading the catalog… ${index.targets.length.toLocaleString('en-US')} names so far`
          : matches.length === 0
            ? index.targets.length === 0
              ? 'Nothing to search: open a connection in the tree first.'
              : `Nothing matches “${query.trim()}”.`
            : `${index.targets.length.toLocaleString('en-US')} names searched. ↑/↓ choose, Enter opens.`}
        {index.notes.map((note) => (
          <div key={note} className="open-anything-note">
            {note}
          </div>
        ))}
      </div>
    </ModalDialog>
  )
}

/** The best matches first (a schema-qualified query like `sales.ord` also matches `schema.name`). */
function rank(targets: readonly JumpTarget[], query: string): JumpTarget[] {
  if (query.trim() === '') return targets.slice(0, SHOWN)
  const scored: { target: JumpTarget; score: number }[] = []
  for (const target of targets) {
    const qualified = query.includes('.') ? `${schemaOf(target)}.${target.name}` : target.name
    const score = fuzzyScore(query, qualified)
    if (score !== null) scored.push({ target, score })
  }
  scored.sort((a, b) => b.score - a.score || a.target.name.localeCompare(b.target.name))
  return scored.slice(0, SHOWN).map((entry) => entry.target)
}

const schemaOf = (target: JumpTarget): string =>
  target.node.kind === 'table' ? target.node.table.schema : target.node.object.schema

const kindOf = (target: JumpTarget): string =>
  target.node.kind === 'table' ? (KIND_WORDS[target.node.table.kind] ?? 'table') : target.node.object.kind
