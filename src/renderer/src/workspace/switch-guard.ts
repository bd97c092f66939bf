import type { QueryTab } from './workspace-store'

/**
 * Asked before a query tab moves to another connection or database. Today it always allows;
 * once a tab owns a server session, this is where an open transaction asks Commit / Roll back /
 * Cancel (and answers false on Cancel).
 */
export async function canSwitchTarget(_tab: QueryTab): Promise<boolean> {
  return true
}
