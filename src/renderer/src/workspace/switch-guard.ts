import type { EditRegistry } from '../edits/edit-registry'
import type { SessionStore } from '../session/session-store'
import type { QueryTab } from './workspace-store'

/**
 * Moves a query tab to another connection or database once its staged edits and its server
 * session may go: staged edits ask first (Cancel keeps the tab where it is, Discard goes on); then
 * at once when no transaction is open (the session is released), else after the user answered
 * Commit or Roll back.
 */
export function switchTarget(tab: QueryTab, sessions: SessionStore, go: () => void, edits?: EditRegistry): void {
  const release = () => {
    if (sessions.release(tab, go)) go()
  }
  if (!edits || edits.guardSwitch(tab.id, tab.title, release)) release()
}
