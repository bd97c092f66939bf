import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { ModalDialog } from '../connections/modal-dialog'
import type { RowStore } from '../grid/row-store'
import { firstLine } from '../query/run-format'
import { TID } from '../test-ids'
import type { Comparison } from './diff-panel'
import { runDiff, sideOf } from './diff-client'
import { pinBoard, type Pin } from './pin-board'

/** The key a compare starts with: the pin's or the result's table key when both sides have it, else the first column. */
export function defaultKey(
  current: readonly string[],
  pinned: readonly string[],
  keys: readonly (readonly string[])[],
): string[] {
  for (const key of keys)
    if (key.length > 0 && key.every((name) => current.includes(name) && pinned.includes(name))) return [...key]
  const first = current.find((name) => pinned.includes(name))
  return first === undefined ? [] : [first]
}

export const pinLabel = (pin: Pin): string =>
  `${pin.source} · ${firstLine(pin.sql)} · ${pin.rowCount.toLocaleString('en-US')} rows`

/**
 * Compare with pinned…: pick a pinned result (of any tab and connection) and the key columns, then
 * the diff runs in a worker with its progress shown; Cancel stops it at once.
 */
export function CompareDialog(props: {
  current: RowStore
  /** The current result's table key, when it maps to one table. */
  tableKey: readonly string[]
  onDone: (comparison: Comparison) => void
  onClose: () => void
}) {
  const { current, tableKey, onDone, onClose } = props
  const pins = useSyncExternalStore(pinBoard.subscribe, pinBoard.getList).filter((pin) => pin.store !== current)
  const [pinId, setPinId] = useState(pins.at(-1)?.id ?? '')
  const pin = pins.find((p) => p.id === pinId) ?? pins.at(-1)
  const names = current.columns.map((column) => column.name)
  const pinnedNames = pin?.columns.map((column) => column.name) ?? []
  const [key, setKey] = useState<string[]>(() => defaultKey(names, pinnedNames, [tableKey, pin?.key ?? []]))
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  useEffect(() => () => abort.current?.abort(), [])

  const choosePin = (id: string): void => {
    setPinId(id)
    const chosen = pins.find((p) => p.id === id)
    const other = chosen?.columns.map((column) => column.name) ?? []
    setKey(defaultKey(names, other, [tableKey, chosen?.key ?? []]))
    setError(null)
  }

  const start = async (): Promise<void> => {
    if (!pin) return
    const controller = new AbortController()
    abort.current = controller
    setError(null)
    setProgress(0)
    const started = performance.now()
    const outcome = await runDiff(
      { pinned: sideOf(pin.store), current: sideOf(current), key },
      setProgress,
      controller.signal,
    )
    abort.current = null
    setProgress(null)
    if (outcome.ok) onDone({ diff: outcome.result, current, pin, key, ms: performance.now() - started })
    else if (!outcome.cancelled) setError(outcome.message)
  }

  const running = progress !== null
  return (
    <ModalDialog
      title="Compare with pinned result"
      testId={TID.compareDialog}
      className="compare-dialog"
      onClose={onClose}
    >
      {pins.length === 0 ? (
        <p className="compare-empty">
          No pinned result yet. Pin a result (Pin in the status row, or right-click its tab), run again or in another
          tab, then compare.
        </p>
      ) : (
        <>
          <label className="compare-field">
            Pinned result
            <select
              data-testid={TID.comparePin}
              value={pin?.id ?? ''}
              disabled={running}
              onChange={(event) => choosePin(event.target.value)}
            >
              {pins.map((p) => (
                <option key={p.id} value={p.id} title={p.sql}>
                  {pinLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="compare-keys" disabled={running}>
            <legend>Key columns (rows are matched on them)</legend>
            {names.map((name) => (
              <label key={name} data-testid={TID.compareKey} data-name={name}>
                <input
                  type="checkbox"
                  checked={key.includes(name)}
                  disabled={!pinnedNames.includes(name)}
                  onChange={(event) =>
                    setKey(event.target.checked ? [...key, name] : key.filter((other) => other !== name))
                  }
                />
                {name}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {pin && key.length === 0 ? <p className="compare-hint">Tick at least one key column.</p> : null}
      {running ? (
        <div className="compare-progress" data-testid={TID.compareProgress}>
          <progress max={1} value={progress} /> Comparing… {Math.round(progress * 100)}%
        </div>
      ) : null}
      {error ? (
        <div className="compare-error" role="alert" data-testid={TID.compareError}>
          {error}
        </div>
      ) : null}
      <div className="modal-actions">
        <span className="modal-spacer" />
        <button data-testid={TID.compareCancel} onClick={() => (running ? abort.current?.abort() : onClose())}>
          Cancel
        </button>
        <button
          className="primary"
          data-testid={TID.compareRun}
          disabled={!pin || key.length === 0 || running}
          onClick={() => void start()}
        >
          Compare
        </button>
      </div>
    </ModalDialog>
  )
}
