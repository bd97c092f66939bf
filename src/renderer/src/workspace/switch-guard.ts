import type { SessionStore } from '../session/session-store'
import type { QueryTab } from './workspace-store'

/**
 * Moves a query tab to another connection or database once its server session may go: at once
 * when no transaction is open (the session is released), else after the user answered Commit or
 * Roll back (Cancel keeps the tab where it is).
 */
export function switchTarget(tab: QueryTab, sessions: SessionStore, go: () => void): void {
  if (sessions.release(tab, go)) go()
}
