import { renamedTitle } from '../workspace/tab-name'
import type { QueryTab } from '../workspace/workspace-store'

/**
 * A short hash of what a saved file holds for a tab: its SQL and where it runs (the header). The
 * tab keeps the hash of its last save, so the unsaved marker needs no copy of the saved text.
 * FNV-1a over UTF-16 code units, two 32-bit lanes (collisions only hide a marker, never lose text).
 */
export function fileStateHash(sql: string, connectionId: string, database: string | undefined): string {
  const text = `${connectionId}\u0000${database ?? ''}\u0000${sql}`
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}:${sql.length}`
}

/** The hash of a tab as it is now (to compare with its file's `savedHash`). */
export const tabStateHash = (tab: QueryTab): string => fileStateHash(tab.sql, tab.connectionId, tab.database)

/** Whether a tab saved to a file holds changes its file does not have (false for a tab with no file). */
export function hasUnsavedFileChanges(tab: QueryTab): boolean {
  if (!tab.file) return false
  // The length is in the hash: a different length tells without hashing the whole text.
  if (!tab.file.savedHash.endsWith(`:${tab.sql.length}`)) return true
  return tab.file.savedHash !== tabStateHash(tab)
}

/** A file name's last part without `.sql`: the tab's title. */
export const fileTitle = (name: string): string =>
  renamedTitle((name.split('/').at(-1) ?? name).replace(/\.sql$/i, '')) ?? 'query'
