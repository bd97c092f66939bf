import type { QuarryError } from '../../../shared/contract'
import { TID } from '../test-ids'

/** An engine or connection error: its kind, the engine's code and words, and where it points. */
export function ErrorBanner({ error }: { error: QuarryError }) {
  return (
    <div className="query-error" data-testid={TID.error} role="alert">
      <strong>{error.kind === 'syntax' ? 'SQL error' : 'Error'}</strong>
      {error.code ? <span className="error-code">{error.code}</span> : null}
      <span className="error-message">{error.message}</span>
      {error.position ? <span className="error-position">at character {error.position}</span> : null}
    </div>
  )
}
