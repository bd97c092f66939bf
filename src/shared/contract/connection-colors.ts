/**
 * The colours a connection can wear (its dot in the tree, its tabs' stripe): a small palette that
 * reads on a light background and stays apart from the safety badges' red.
 */
export const CONNECTION_COLORS = ['blue', 'green', 'orange', 'purple', 'teal', 'pink', 'olive', 'slate'] as const

export type ConnectionColor = (typeof CONNECTION_COLORS)[number]

/** What each colour paints (CSS colour values). */
export const CONNECTION_COLOR_VALUES: Record<ConnectionColor, string> = {
  blue: '#2f6fd6',
  green: '#2e9d5b',
  orange: '#e07b24',
  purple: '#8a55c9',
  teal: '#17979b',
  pink: '#d2489a',
  olive: '#8c8f1f',
  slate: '#5d6b82',
}

export const isConnectionColor = (value: unknown): value is ConnectionColor =>
  typeof value === 'string' && (CONNECTION_COLORS as readonly string[]).includes(value)

/** A connection's colour when it chose none: the same for the same id, every time (FNV-1a of the id). */
export function defaultColorOf(connectionId: string): ConnectionColor {
  let hash = 0x811c9dc5
  for (let i = 0; i < connectionId.length; i++) {
    hash ^= connectionId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return CONNECTION_COLORS[hash % CONNECTION_COLORS.length]!
}

/** The colour a new connection starts with: the first one no other connection wears (else the least worn). */
export function freshColor(worn: readonly ConnectionColor[]): ConnectionColor {
  const count = (color: ConnectionColor): number => worn.filter((w) => w === color).length
  return [...CONNECTION_COLORS].sort((a, b) => count(a) - count(b))[0]!
}
