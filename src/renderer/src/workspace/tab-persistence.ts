import { MAX_SAVED_TABS } from '../../../shared/contract'
import type { QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { WorkspaceStore } from './workspace-store'

/** How long typing must pause before the tabs are saved. */
export const SAVE_DELAY_MS = 400

/**
 * Saves the workspace's query tabs (SQL, titles, connections) to main whenever they change, at most
 * once per pause in typing; `flush()` saves at once (the page is going away).
 */
export class TabPersistence {
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSaved: string
  private readonly unsubscribe: () => void

  constructor(
    private readonly client: QuarryClient,
    private readonly workspace: WorkspaceStore,
    private readonly onError: (error: QuarryError) => void = () => undefined,
  ) {
    this.lastSaved = JSON.stringify(workspace.savedTabs())
    this.unsubscribe = workspace.subscribe(() => this.changed())
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const saved = this.workspace.savedTabs()
    const text = JSON.stringify(saved)
    if (text === this.lastSaved) return Promise.resolve()
    this.lastSaved = text
    const tabs = saved.tabs.slice(0, MAX_SAVED_TABS)
    const activeId = tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : null
    return this.client.call('tabs.save', { tabs, activeId }).then((result) => {
      if (!result.ok) this.onError(result.error)
    })
  }

  dispose(): void {
    this.unsubscribe()
    if (this.timer) clearTimeout(this.timer)
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS)
  }
}
