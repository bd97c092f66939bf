import type { QuarryError } from '../../../shared/contract'
import { TID } from '../test-ids'

/** Where an error is in the editor, 1-based. */
export interface ErrorPlace {
  line: number
  column: number
}

/** An engine or connection error: its kind, the engine's code and words, and where it points (line:column in the editor when known). */
export function ErrorBanner({ error, at = null }: { error: QuarryError; at?: ErrorPlace | null }) {
  return (
    <div className="query-error" data-testid={TID.error} role="alert">
      <strong>{error.kind === 'syntax' ? 'SQL error' : 'Error'}</strong>
      {error.code ? <span className="error-code">{error.code}</span> : null}
      <span className="error-message">{error.message}</span>
      {at ? (
        <span className="error-position" data-testid={TID.errorPosition}>
          line {at.line}:{at.column}
        </span>
      ) : error.position ? (
        <span className="error-position">at character {error.position}</span>
      ) : null}
    </div>
  )
}
