import { ErrorBanner } from '../query/error-banner'
import { TID } from '../test-ids'
import type { ExplainState } from './explain-run'
import { PlanView } from './plan-view'

/** The last Explain of an editor: running, its plan, or why there is none. */
export function PlanPanel({ state }: { state: Exclude<ExplainState, { status: 'idle' }> }) {
  return (
    <div className="result-panel plan-panel" data-testid={TID.planPanel} data-status={state.status}>
      {state.status === 'running' ? (
        <div className="status-line status-running">{state.analyze ? 'Running and measuring…' : 'Explaining…'}</div>
      ) : state.status === 'error' ? (
        <ErrorBanner error={state.error} />
      ) : (
        <PlanView plan={state.plan} />
      )}
    </div>
  )
}
