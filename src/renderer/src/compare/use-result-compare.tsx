import { useState, useSyncExternalStore, type ReactNode } from 'react'
import type { EngineId } from '../../../shared/engines/engine-list'
import { ContextMenu, type MenuItem } from '../common/context-menu'
import type { QueryRun } from '../query/query-run'
import type { ResultSet } from '../query/result-set'
import { TID } from '../test-ids'
import { CompareDialog } from './compare-dialog'
import { DiffPanel, type Comparison } from './diff-panel'
import { pinBoard, type Pin } from './pin-board'
import { CompareButtons, PinStrip, pinResult, type CompareContext } from './pin-strip'

/** What a result panel shows of pins and compares, in the places it shows them. */
export interface ResultCompare {
  /** The pinned result on screen instead of the current one, or null. */
  shownPin: Pin | null
  /** The diff on screen instead of the current result, or null. */
  diffView: ReactNode
  /** Pin and Compare…, for the status row. */
  buttons: ReactNode
  /** A refused pin's note, the pinned tabs. */
  strip: ReactNode
  /** The compare dialog and the context menu, when open. */
  overlays: ReactNode
  /** Right-click on a result's tab. */
  onResultMenu: ((result: ResultSet, x: number, y: number) => void) | undefined
}

/** The state of pins and compares of one result panel (nothing without `context`). */
export function useResultCompare(
  run: QueryRun,
  current: ResultSet | null,
  context: CompareContext | undefined,
  engine: EngineId | undefined,
): ResultCompare {
  const [shownPinId, setShownPin] = useState<string | null>(null)
  const [comparing, setComparing] = useState(false)
  const [comparison, setComparison] = useState<Comparison | null>(null)
  const [pinNote, setPinNote] = useState<string | null>(null)
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuItem[] } | null>(null)
  const pins = useSyncExternalStore(pinBoard.subscribe, pinBoard.getList)
  const shownPin = pins.find((pin) => pin.id === shownPinId) ?? null
  // A diff is of the result it was made on: another run (or another statement's tab) puts it away.
  const diff = comparison && comparison.current === current?.store && !shownPin ? comparison : null
  const openCompare = (): void => {
    setShownPin(null)
    setComparing(true)
  }
  const resultMenu = (result: ResultSet, x: number, y: number): void => {
    if (!context || !result.done || result.columns.length === 0) return
    const pinned = pinBoard.pinOf(result.store)
    const pin: MenuItem = pinned
      ? { id: 'unpin', label: 'Unpin result', run: () => pinBoard.unpin(pinned.id) }
      : { id: 'pin', label: 'Pin result', run: () => setPinNote(pinResult(context, result)) }
    const compare: MenuItem = {
      id: 'compare',
      label: 'Compare with pinned…',
      run: () => {
        run.select(result.index)
        openCompare()
      },
    }
    setMenu({ x, y, items: [pin, compare] })
  }
  const pinMenu = (pin: Pin, x: number, y: number): void =>
    setMenu({
      x,
      y,
      items: [
        { id: 'show', label: 'Show pinned result', run: () => setShownPin(pin.id) },
        { id: 'compare', label: 'Compare current result with it…', run: openCompare },
        { id: 'unpin', label: 'Unpin', run: () => pinBoard.unpin(pin.id) },
      ],
    })
  if (!context)
    return { shownPin: null, diffView: null, buttons: null, strip: null, overlays: null, onResultMenu: undefined }
  return {
    shownPin,
    diffView: diff ? <DiffPanel comparison={diff} engine={engine} onClose={() => setComparison(null)} /> : null,
    buttons: <CompareButtons context={context} current={current} onNote={setPinNote} onCompare={openCompare} />,
    strip: (
      <>
        {pinNote ? (
          <div className="result-note" data-testid={TID.pinNote} role="alert">
            {pinNote}
          </div>
        ) : null}
        <PinStrip owner={context.owner} shown={shownPin?.id ?? null} onShow={setShownPin} onMenu={pinMenu} />
      </>
    ),
    overlays: (
      <>
        {comparing && current ? (
          <CompareDialog
            current={current.store}
            tableKey={context.tableKey}
            onDone={(done) => {
              setComparing(false)
              setComparison(done)
            }}
            onClose={() => setComparing(false)}
          />
        ) : null}
        {menu ? <ContextMenu x={menu.x} y={menu.y} items={menu.items} onClose={() => setMenu(null)} /> : null}
      </>
    ),
    onResultMenu: resultMenu,
  }
}
