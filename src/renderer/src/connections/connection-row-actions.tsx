import type { ConnectionSummary } from '../../../shared/contract'
import { TID } from '../test-ids'

/** What a connection row can do besides expanding. */
export interface ConnectionRowHandlers {
  /** Opens a SQL editor on this connection. */
  onQuery: (connection: ConnectionSummary) => void
  onEdit: (connection: ConnectionSummary) => void
  onDelete: (connection: ConnectionSummary) => void
}

/** A new-query button on every connection's tree row; edit and delete on saved ones. */
export function ConnectionRowActions({
  connection,
  onQuery,
  onEdit,
  onDelete,
}: { connection: ConnectionSummary } & ConnectionRowHandlers) {
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
        aria-label={`New query on ${connection.name}`}
        title="New SQL query on this connection"
        data-testid={TID.connectionQuery}
        {...own(() => onQuery(connection))}
      >
        ▶
      </button>
      {connection.builtIn ? null : (
        <>
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
        </>
      )}
    </span>
  )
}
