import type { EditTarget } from '../../../shared/contract/edit-model'
import type { TableKey } from '../../../shared/dialect/result-edit-target'

/**
 * Where a review sends staged edits: the connection and database, the table (or collection), the
 * key it knows (null: the review asks the user to choose columns) and, for a query tab, its
 * session, so an apply runs in the tab's transaction (manual commit keeps it open until Commit).
 */
export interface EditDestination {
  connectionId: string
  /** The database as the tab runs in it (a tab's session is matched by it); absent: the connection's. */
  database?: string
  target: EditTarget
  key: TableKey | null
  /** The table's columns (the key picker offers them when there is no key). */
  columns: readonly string[]
  session?: { sessionId: string; manualCommit: boolean }
}
