/** Where a diagram's boxes were left, per connection, database and schema (kept in the renderer's storage). */
export type SavedPositions = Record<string, [number, number]>

const key = (connectionId: string, database: string, schema: string): string =>
  `quarry.er:${JSON.stringify([connectionId, database, schema])}`

export function loadPositions(connectionId: string, database: string, schema: string): SavedPositions {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(connectionId, database, schema)) ?? '{}')
    if (!parsed || typeof parsed !== 'object') return {}
    const out: SavedPositions = {}
    for (const [name, at] of Object.entries(parsed)) {
      if (Array.isArray(at) && at.length === 2 && at.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        out[name] = [at[0] as number, at[1] as number]
      }
    }
    return out
  } catch {
    return {}
  }
}

/** Merges positions into what is saved (the other tables' places are kept); false when storage refused. */
export function savePositions(
  connectionId: string,
  database: string,
  schema: string,
  positions: SavedPositions,
): boolean {
  try {
    const merged = { ...loadPositions(connectionId, database, schema), ...positions }
    localStorage.setItem(key(connectionId, database, schema), JSON.stringify(merged))
    return true
  } catch {
    return false
  }
}

export function forgetPositions(connectionId: string, database: string, schema: string): void {
  try {
    localStorage.removeItem(key(connectionId, database, schema))
  } catch {
    // Nothing saved to forget.
  }
}
