import { useSyncExternalStore } from 'react'
import { firstLine, rowsText } from '../query/run-format'
import type { ResultSet } from '../query/result-set'
import { TID } from '../test-ids'
import { pinBoard, type Pin } from './pin-board'
import { PinIcon } from './pin-icon'

/** What a result panel needs to pin and compare: whose pins are its own, and how to name them. */
export interface CompareContext {
  /** The panel's owner (its query tab's id): its pins show as its tabs. */
  owner: string
  /** The connection (and tab) a pin comes from, as the pick list names it. */
  source: string
  /** The current result's table key, when it maps to one table. */
  tableKey: readonly string[]
}

/** Pins `result` on the board (refused over the memory budget: the message says why). */
export function pinResult(context: CompareContext, result: ResultSet): string | null {
  const outcome = pinBoard.pin({
    owner: context.owner,
    source: context.source,
    sql: result.sql,
    store: result.store,
    key: context.tableKey,
  })
  return outcome.ok ? null : outcome.message
}

/** The status row's Pin / Unpin and Compare with pinned… buttons. */
export function CompareButtons(props: {
  context: CompareContext
  current: ResultSet | null
  onNote: (note: string | null) => void
  onCompare: () => void
}) {
  const { context, current, onNote, onCompare } = props
  useSyncExternalStore(pinBoard.subscribe, pinBoard.getList)
  const ready = current !== null && current.done && current.columns.length > 0
  const pinned = current ? pinBoard.pinOf(current.store) : undefined
  return (
    <>
      <button
        className="compare-open"
        data-testid={TID.pinButton}
        aria-pressed={pinned !== undefined}
        disabled={!ready}
        title={
          pinned
            ? 'Unpin this result'
            : 'Pin this result: it stays as a tab while the query runs again, to compare with'
        }
        onClick={() => {
          if (!current) return
          if (pinned) pinBoard.unpin(pinned.id)
          else onNote(pinResult(context, current))
        }}
      >
        <PinIcon /> {pinned ? 'Pinned' : 'Pin'}
      </button>
      <button
        className="compare-open"
        data-testid={TID.compareButton}
        disabled={!ready}
        title="Compare this result with a pinned one, row by row on a key"
        onClick={onCompare}
      >
        ⇄ Compare…
      </button>
    </>
  )
}

/**
 * The panel's pinned results as tabs beside the current one: a pin in each, its rows, × to unpin;
 * right-click for Unpin and Compare.
 */
export function PinStrip(props: {
  owner: string
  shown: string | null
  onShow: (id: string | null) => void
  onMenu: (pin: Pin, x: number, y: number) => void
}) {
  const { owner, shown, onShow, onMenu } = props
  const pins = useSyncExternalStore(pinBoard.subscribe, pinBoard.getList).filter((pin) => pin.owner === owner)
  if (pins.length === 0) return null
  return (
    <div className="result-tabs pin-strip" role="tablist" data-testid={TID.pinStrip}>
      <button
        role="tab"
        className="result-tab"
        aria-selected={shown === null}
        data-testid={TID.pinCurrentTab}
        onClick={() => onShow(null)}
      >
        <span className="result-tab-sql">Current result</span>
      </button>
      {pins.map((pin) => (
        <div
          key={pin.id}
          role="tab"
          tabIndex={0}
          aria-selected={shown === pin.id}
          className="result-tab pin-tab"
          data-testid={TID.pinTab}
          title={`Pinned ${new Date(pin.pinnedAt).toLocaleTimeString()}: ${pin.sql}`}
          onClick={() => onShow(pin.id)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') onShow(pin.id)
          }}
          onContextMenu={(event) => {
            event.preventDefault()
            onMenu(pin, event.clientX, event.clientY)
          }}
        >
          <span className="pin-mark" aria-label="pinned">
            <PinIcon />
          </span>
          <span className="result-tab-sql">{firstLine(pin.sql)}</span>
          <span className="result-tab-effect">{rowsText(pin.rowCount)}</span>
          <button
            className="pin-close"
            data-testid={TID.pinUnpin}
            title="Unpin"
            aria-label="Unpin"
            onClick={(event) => {
              event.stopPropagation()
              if (shown === pin.id) onShow(null)
              pinBoard.unpin(pin.id)
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
