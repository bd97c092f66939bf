import { useRef } from 'react'
import { useSelectedInView } from '../layout/selected-in-view'
import { TID } from '../test-ids'
import type { QueryRun, RunState } from './query-run'
import type { ResultSet } from './result-set'
import { firstLine, rowsText } from './run-format'

/** One tab per statement of a script: its position, its first line, and its row count or effect. */
export function ResultTabs(props: {
  run: QueryRun
  state: RunState
  /** Right-click on a result's tab (Pin, Compare). */
  onContextMenu?: ((result: ResultSet, x: number, y: number) => void) | undefined
}) {
  const { run, state, onContextMenu } = props
  const shown = run.current
  const strip = useRef<HTMLDivElement>(null)
  const shownIndex = shown?.index ?? -1
  const count = state.results.length
  // The tab on screen is kept in the strip (a long script's newest result is at its far end), also
  // when the strip is resized.
  useSelectedInView(strip, `${shownIndex}/${count}`)
  return (
    <div className="result-tabs" role="tablist" data-testid={TID.resultTabs} ref={strip}>
      {state.results.map((result) => {
        const effect =
          result.columns.length > 0
            ? rowsText(result.rowCount)
            : result.command
              ? result.command
              : result.affectedRows !== null
                ? `${result.affectedRows} affected`
                : result.done
                  ? 'done'
                  : '…'
        return (
          <button
            key={result.id}
            role="tab"
            aria-selected={result === shown}
            className="result-tab"
            data-testid={TID.resultTab}
            data-index={result.index}
            title={result.sql}
            onClick={() => run.select(result.index)}
            onContextMenu={
              onContextMenu
                ? (event) => {
                    event.preventDefault()
                    onContextMenu(result, event.clientX, event.clientY)
                  }
                : undefined
            }
          >
            <span className="result-tab-index">{result.index + 1}</span>
            <span className="result-tab-sql">{firstLine(result.sql)}</span>
            <span className="result-tab-effect">{effect}</span>
          </button>
        )
      })}
    </div>
  )
}
