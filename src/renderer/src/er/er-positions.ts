import type { ErLayout, PlacedBoxes } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'

/** A diagram's layout key: connection, database and schema. */
export interface LayoutRef {
  connectionId: string
  database: string
  schema: string
}

export const EMPTY_LAYOUT: ErLayout = { positions: {}, laid: null }

/** Where earlier versions kept a diagram's places (the renderer's storage); read once, then moved to main. */
const legacyKey = (ref: LayoutRef): string =>
  `quarry.er:${JSON.stringify([ref.connectionId, ref.database, ref.schema])}`

/** Places from the renderer's storage as earlier versions wrote them; invalid entries are dropped. */
export function readLegacyPositions(ref: LayoutRef): PlacedBoxes | null {
  try {
    const text = localStorage.getItem(legacyKey(ref))
    if (text === null) return null
    const parsed: unknown = JSON.parse(text)
    if (!parsed || typeof parsed !== 'object') return {}
    const out: PlacedBoxes = {}
    for (const [name, at] of Object.entries(parsed)) {
      if (Array.isArray(at) && at.length === 2 && at.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        out[name] = [at[0] as number, at[1] as number]
      }
    }
    return out
  } catch {
    return null
  }
}

/**
 * The diagram's layout from main's state file. A layout only the renderer's storage holds (saved
 * before layouts moved to main) is moved to main once, then removed from the storage.
 */
export async function loadLayout(client: QuarryClient, ref: LayoutRef): Promise<ErLayout> {
  const result = await client.call('er.loadLayout', ref)
  const layout = result.ok ? result.value : EMPTY_LAYOUT
  const legacy = readLegacyPositions(ref)
  if (legacy === null) return layout
  const merged: ErLayout = { ...layout, positions: { ...legacy, ...layout.positions } }
  const saved = await client.call('er.saveLayout', { ...ref, layout: merged })
  if (saved.ok) {
    try {
      localStorage.removeItem(legacyKey(ref))
    } catch {
      // Kept: it is merged again (main's places win) on the next open.
    }
  }
  return merged
}

/** Saves the diagram's layout in main; the error's message when main refused it. */
export async function saveLayout(client: QuarryClient, ref: LayoutRef, layout: ErLayout): Promise<string | null> {
  const result = await client.call('er.saveLayout', { ...ref, layout })
  return result.ok ? null : result.error.message
}
