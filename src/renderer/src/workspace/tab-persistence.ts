import { MAX_SAVED_TABS } from '../../../shared/contract'
import type { QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { fitJournal } from './journal-budget'
import type { WorkspaceStore } from './workspace-store'

/** How long typing must pause before the tabs are saved. */
export const SAVE_DELAY_MS = 250
/** The longest a change waits while typing goes on: a killed process loses at most this much (and one write). */
export const SAVE_MAX_WAIT_MS = 750

/**
 * Saves the workspace's tabs (query tabs' SQL, titles and connections, table tabs, the closed list)
 * to main whenever they change: once typing pauses, and while it goes on at least every
 * SAVE_MAX_WAIT_MS, so the file on disk is never more than about a second behind the keyboard.
 * One save is in flight at a time; saves asked for meanwhile send the latest state once it lands.
 * `flush()` saves at once (the page is going away).
 */
export class TabPersistence {
  private timer: ReturnType<typeof setTimeout> | null = null
  /** When the oldest change not yet saved was made (null: none pending). */
  private pendingSince: number | null = null
  private lastSaved: string
  private sending: Promise<void> = Promise.resolve()
  private readonly unsubscribe: () => void
  /** Why the last save did not reach the disk (null: it did); shown until a save succeeds. */
  private problem: string | null = null
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly client: QuarryClient,
    private readonly workspace: WorkspaceStore,
    private readonly onError: (error: QuarryError) => void = () => undefined,
  ) {
    this.lastSaved = JSON.stringify(workspace.savedTabs())
    this.unsubscribe = workspace.subscribe(() => this.changed())
  }

  getProblem = (): string | null => this.problem

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pendingSince = null
    this.sending = this.sending.then(() => this.send()).catch(() => undefined)
    return this.sending
  }

  dispose(): void {
    this.unsubscribe()
    if (this.timer) clearTimeout(this.timer)
  }

  private changed(): void {
    const now = Date.now()
    this.pendingSince ??= now
    if (this.timer) clearTimeout(this.timer)
    const wait = Math.max(0, Math.min(SAVE_DELAY_MS, this.pendingSince + SAVE_MAX_WAIT_MS - now))
    this.timer = setTimeout(() => void this.flush(), wait)
  }

  /** Sends the workspace as it is now, unless it is what was sent last. */
  private async send(): Promise<void> {
    const saved = this.workspace.savedTabs()
    const text = JSON.stringify(saved)
    if (text === this.lastSaved) return
    this.lastSaved = text
    const tabs = saved.tabs.slice(0, MAX_SAVED_TABS)
    const activeId = tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : null
    const fitted = fitJournal({ tabs, activeId, closed: saved.closed ?? [] })
    const result = fitted.ok
      ? await this.client.call('tabs.save', fitted.request)
      : ({ ok: false, error: { kind: 'invalid-input', message: fitted.message } } as const)
    if (result.ok) return this.setProblem(null)
    this.lastSaved = '' // not on disk: the next change (or flush) tries again
    this.setProblem(result.error.message)
    this.onError(result.error)
  }

  private setProblem(problem: string | null): void {
    if (problem === this.problem) return
    this.problem = problem
    for (const listener of this.listeners) listener()
  }
}
