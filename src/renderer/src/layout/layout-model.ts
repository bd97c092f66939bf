/**
 * The window's adjustable layout: the sidebar's width (and whether it is collapsed) and the share
 * of a query tab the editor takes above its results. Pure: clamping, defaults and the stored form.
 */
export interface Layout {
  sidebarWidth: number
  sidebarCollapsed: boolean
  /** The editor's share of the query tab's height (the results take the rest). */
  editorShare: number
}

export const DEFAULT_LAYOUT: Layout = { sidebarWidth: 280, sidebarCollapsed: false, editorShare: 0.3 }

/** Pixels: narrower hides tree labels; wider leaves too little grid at 1024 px. */
export const SIDEBAR_RANGE = { min: 180, max: 560 } as const
/** Shares of the query tab: the editor keeps a few lines, the results keep their status and a few rows. */
export const EDITOR_RANGE = { min: 0.12, max: 0.8 } as const

export const LAYOUT_KEY = 'quarry.layout'

const clamp = (value: number, range: { min: number; max: number }): number =>
  Math.min(range.max, Math.max(range.min, value))

export const clampSidebar = (width: number): number => Math.round(clamp(width, SIDEBAR_RANGE))
export const clampEditorShare = (share: number): number => Math.round(clamp(share, EDITOR_RANGE) * 1000) / 1000

/** The layout kept in storage, or the default for anything missing, malformed or out of range. */
export function parseLayout(text: string | null): Layout {
  let saved: Partial<Record<keyof Layout, unknown>> = {}
  try {
    const value: unknown = text ? JSON.parse(text) : {}
    if (value && typeof value === 'object') saved = value
  } catch {
    // A damaged value: the defaults.
  }
  const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
  const width = number(saved.sidebarWidth)
  const share = number(saved.editorShare)
  return {
    sidebarWidth: width === null ? DEFAULT_LAYOUT.sidebarWidth : clampSidebar(width),
    sidebarCollapsed: saved.sidebarCollapsed === true,
    editorShare: share === null ? DEFAULT_LAYOUT.editorShare : clampEditorShare(share),
  }
}

export const serializeLayout = (layout: Layout): string => JSON.stringify(layout)
