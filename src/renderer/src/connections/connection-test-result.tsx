import { engineDescriptor } from '../../../shared/contract'
import type { ConnectionTestResult, ErrorKind, QuarryError } from '../../../shared/contract'
import { TID } from '../test-ids'

/** Where a connection test stands. */
export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; result: ConnectionTestResult }
  | { status: 'error'; error: QuarryError }

/** Each kind of failure, as the first words a user reads. */
export const FAILURE_TITLES: Record<ErrorKind, string> = {
  connection: 'Cannot connect',
  permission: 'Access denied',
  timeout: 'Timed out',
  'invalid-input': 'Check the settings',
  'not-found': 'Not found',
  syntax: 'Error',
  cancelled: 'Cancelled',
  internal: 'Error',
}

/** The outcome of Test: the server's version, or what went wrong (kind, message, code). */
export function ConnectionTestOutcome({ state }: { state: TestState }) {
  if (state.status === 'idle') return <span className="test-result" data-testid={TID.connectionTestResult} />
  if (state.status === 'running') {
    return (
      <span className="test-result" data-testid={TID.connectionTestResult} data-status="running" role="status">
        Connecting…
      </span>
    )
  }
  if (state.status === 'ok') {
    const { result } = state
    const engine = engineDescriptor(result.engine)?.label ?? result.engine
    return (
      <span className="test-result test-ok" data-testid={TID.connectionTestResult} data-status="ok" role="status">
        ✓ Connected: {engine} {result.serverVersion} <span className="muted">({result.elapsedMs} ms)</span>
      </span>
    )
  }
  const { error } = state
  return (
    <span className="test-result test-error" data-testid={TID.connectionTestResult} data-status="error" role="alert">
      <strong>{FAILURE_TITLES[error.kind]}:</strong> {error.message}
      {error.code ? <span className="error-code">{error.code}</span> : null}
    </span>
  )
}
