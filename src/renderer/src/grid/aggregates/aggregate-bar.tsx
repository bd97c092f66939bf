import { TID } from '../../test-ids'
import type { SelectionRect } from '../selection-model'
import type { AggregateSource } from './aggregate-run'
import { useSelectionAggregates } from './use-selection-aggregates'

const n = (value: number): string => value.toLocaleString('en-US')

/**
 * The selection's aggregates under the grid, like a spreadsheet's status bar. Its own component, so
 * the progress of a long computation re-renders only this bar, never the grid.
 */
export function AggregateBar(props: { source: AggregateSource; rect: SelectionRect | null; version: number }) {
  const state = useSelectionAggregates(props.source, props.rect, props.version)
  if (state.status === 'none') return null
  if (state.status === 'computing') {
    return (
      <div className="qgrid-aggregates" data-testid={TID.gridAggregates} data-status="computing">
        Computing aggregates… {Math.round(state.done * 100)}%
      </div>
    )
  }
  const parts: Array<[string, string]> = [
    ['Count', n(state.count)],
    ['Distinct', n(state.distinct)],
  ]
  if (state.sum !== null)
    parts.push(['Sum', state.sum], ['Avg', state.avg ?? ''], ['Min', state.min ?? ''], ['Max', state.max ?? ''])
  return (
    <div
      className="qgrid-aggregates"
      data-testid={TID.gridAggregates}
      data-status="ready"
      data-count={state.count}
      data-distinct={state.distinct}
      data-sum={state.sum ?? undefined}
      data-avg={state.avg ?? undefined}
      data-min={state.min ?? undefined}
      data-max={state.max ?? undefined}
      title={`${n(state.cells)} cells selected; sum, avg, min and max over the ${n(state.numbers)} holding numbers`}
    >
      {parts.map(([label, value]) => (
        <span key={label} className="qgrid-aggregate">
          <span className="qgrid-aggregate-label">{label}</span> {value}
        </span>
      ))}
    </div>
  )
}
