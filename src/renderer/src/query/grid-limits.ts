/**
 * How much of a result the grid holds. The row limit is the user's setting (default: none); the
 * byte budget is a fixed ceiling on the wire text the row store keeps, so a huge result stops with
 * a clear note (and Export for the rest) instead of exhausting the renderer's memory.
 */
export interface GridLimits {
  rowLimit: number | null
  byteBudget: number
}

/**
 * 1.5 GiB of row data as received: about 4M rows of the sample's 15-column events table (373 B a
 * row of JSON), or 5M rows of ten narrow columns, well inside a renderer's heap.
 */
export const GRID_BYTE_BUDGET = 1536 * 1024 * 1024

export const ROW_LIMIT_CHOICES = [null, 1_000, 10_000, 100_000, 1_000_000, 5_000_000] as const

const KEY = 'quarry.gridRowLimit'

export function loadGridLimits(): GridLimits {
  let rowLimit: number | null = null
  try {
    const saved = Number(globalThis.localStorage?.getItem(KEY) ?? '')
    if (Number.isInteger(saved) && saved > 0) rowLimit = saved
  } catch {
    // No storage (tests, a locked-down profile): no limit.
  }
  return { rowLimit, byteBudget: GRID_BYTE_BUDGET }
}

const rowLimitListeners = new Set<(limit: number | null) => void>()

/** Hears every change of the row limit setting (a running query applies it at once); returns the unsubscribe. */
export function onRowLimitChange(listener: (limit: number | null) => void): () => void {
  rowLimitListeners.add(listener)
  return () => rowLimitListeners.delete(listener)
}

export function saveRowLimit(limit: number | null): void {
  for (const listener of [...rowLimitListeners]) listener(limit)
  try {
    if (limit === null) globalThis.localStorage?.removeItem(KEY)
    else globalThis.localStorage?.setItem(KEY, String(limit))
  } catch {
    // Not persisted; the choice still applies to this session's next runs via the caller.
  }
}

/** Why a run stopped early, for the note: the row limit, or the memory budget. */
export type LimitStop = { reason: 'rows'; limit: number } | { reason: 'memory'; limit: number }

/** Of a batch of `count` rows arriving when `held` are held, how many the row limit lets in. */
export function rowsAdmitted(limit: number | null, held: number, count: number): number {
  return limit === null ? count : Math.max(0, Math.min(count, limit - held))
}

/** The limit a run has crossed with these totals, or null. */
export function crossedLimit(limits: GridLimits, rows: number, bytes: number): LimitStop | null {
  if (limits.rowLimit !== null && rows >= limits.rowLimit) return { reason: 'rows', limit: limits.rowLimit }
  if (bytes >= limits.byteBudget) return { reason: 'memory', limit: limits.byteBudget }
  return null
}

/** Size of a batch as held: JSON wire text is ASCII (V8 keeps it one byte a character), binary its byte length. */
export function batchBytes(rows: unknown): number {
  if (typeof rows === 'string') return rows.length
  const length = (rows as { byteLength?: number } | null)?.byteLength
  return typeof length === 'number' ? length : 0
}
