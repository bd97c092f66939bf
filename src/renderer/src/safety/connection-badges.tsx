import type { ConnectionSummary } from '../../../shared/contract'
import { TID } from '../test-ids'

/** Read-only and safe-mode badges of a connection, in the tree and on its editor tabs. */
export function ConnectionBadges({ connection }: { connection: ConnectionSummary | undefined }) {
  if (!connection) return null
  return (
    <>
      {connection.readOnly ? (
        <span
          className="badge badge-read-only"
          data-testid={TID.readOnlyBadge}
          title="Read-only: the server refuses writes"
        >
          read-only
        </span>
      ) : null}
      {connection.safeMode ? (
        <span
          className="badge badge-safe-mode"
          data-testid={TID.safeModeBadge}
          title="Safe mode: asks before DELETE/UPDATE without WHERE, DROP and TRUNCATE"
        >
          safe
        </span>
      ) : null}
    </>
  )
}
