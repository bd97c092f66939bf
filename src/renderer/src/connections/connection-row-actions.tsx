import type { ConnectionSummary } from '../../../shared/contract'
import { TID } from '../test-ids'

/** What a connection row can do besides expanding. */
export interface ConnectionRowHandlers {
  onEdit: (connection: ConnectionSummary) => void
  onDelete: (connection: ConnectionSummary) => void
}

/** Edit and delete buttons on a saved connection's tree row (built-in ones have none). */
export function ConnectionRowActions({
  connection,
  onEdit,
  onDelete,
}: { connection: ConnectionSummary } & ConnectionRowHandlers) {
  if (connection.builtIn) return null
  // The row expands on click and Enter; the buttons keep theirs to themselves.
  const own = (action: () => void) => ({
    onClick: (event: { stopPropagation: () => void }) => {
      event.stopPropagation()
      action()
    },
    onKeyDown: (event: { stopPropagation: () => void }) => event.stopPropagation(),
  })
  return (
    <span className="tree-actions">
      <button
        type="button"
        className="tree-action"
        aria-label={`Edit connection ${connection.name}`}
        title="Edit connection"
        data-testid={TID.connectionEdit}
        {...own(() => onEdit(connection))}
      >
        ✎
      </button>
      <button
        type="button"
        className="tree-action"
        aria-label={`Delete connection ${connection.name}`}
        title="Delete connection"
        data-testid={TID.connectionDelete}
        {...own(() => onDelete(connection))}
      >
        ✕
      </button>
    </span>
  )
}
