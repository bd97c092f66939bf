import {
  clampEditorShare,
  clampSidebar,
  DEFAULT_LAYOUT,
  LAYOUT_KEY,
  parseLayout,
  serializeLayout,
} from './layout-model'
import type { Layout } from './layout-model'

/** The part of `Storage` the layout uses (localStorage in the app, a map in tests). */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem'>

/** The window's layout, remembered across reloads; components subscribe to it. */
export class LayoutStore {
  private state: Layout
  private readonly listeners = new Set<() => void>()

  constructor(private readonly storage: LayoutStorage | undefined) {
    let saved: string | null = null
    try {
      saved = storage?.getItem(LAYOUT_KEY) ?? null
    } catch {
      // No storage: the defaults.
    }
    this.state = parseLayout(saved)
  }

  readonly getState = (): Layout => this.state

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A new width also opens a collapsed sidebar (dragging its edge out). */
  setSidebarWidth(width: number): void {
    this.set({ sidebarWidth: clampSidebar(width), sidebarCollapsed: false })
  }

  toggleSidebar(): void {
    this.set({ sidebarCollapsed: !this.state.sidebarCollapsed })
  }

  resetSidebar(): void {
    this.set({ sidebarWidth: DEFAULT_LAYOUT.sidebarWidth, sidebarCollapsed: false })
  }

  setEditorShare(share: number): void {
    this.set({ editorShare: clampEditorShare(share) })
  }

  resetEditorShare(): void {
    this.set({ editorShare: DEFAULT_LAYOUT.editorShare })
  }

  private set(patch: Partial<Layout>): void {
    const next = { ...this.state, ...patch }
    if (serializeLayout(next) === serializeLayout(this.state)) return
    this.state = next
    try {
      this.storage?.setItem(LAYOUT_KEY, serializeLayout(next))
    } catch {
      // Not persisted; the layout still applies to this page.
    }
    for (const listener of this.listeners) listener()
  }
}
