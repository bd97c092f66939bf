import { IDLE_SESSION } from '../../../shared/contract'
import type { QuarryError, SessionState, TransactionAction } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { Tab } from '../workspace/workspace-store'

/** What the UI shows of one query tab's server session. */
export interface TabSessionView {
  state: SessionState
  /** The tab's own choice; null: the connection's default. */
  manualCommit: boolean | null
  /** A Commit or Rollback is on its way. */
  ending: boolean
  /** Why the last Commit/Rollback failed. */
  error: QuarryError | null
}

/** A question to the user before a tab with an open transaction goes away. */
export interface PendingClose {
  tabId: string
  title: string
  state: SessionState
  /** What happens once the user has answered Commit or Roll back (close the tab, switch it…). */
  then: () => void
}

const EMPTY: TabSessionView = { state: IDLE_SESSION, manualCommit: null, ending: false, error: null }

/**
 * The query tabs' sessions as main reports them (data outside React): the transaction state after
 * every run, Commit/Rollback, and the question asked before a tab with an open transaction closes.
 */
export class SessionStore {
  private readonly views = new Map<string, TabSessionView>()
  private pending: PendingClose | null = null
  private readonly listeners = new Set<() => void>()
  private version = 0

  constructor(private readonly client: QuarryClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Changes whenever any view or the pending question changes (for useSyncExternalStore). */
  getVersion = (): number => this.version

  view(tabId: string): TabSessionView {
    return this.views.get(tabId) ?? EMPTY
  }

  get pendingClose(): PendingClose | null {
    return this.pending
  }

  /** Tabs whose transaction is open or failed. */
  openCount(): number {
    return [...this.views.values()].filter((view) => view.state.transaction !== 'idle').length
  }

  /** Main's report after a run. */
  record(tabId: string, state: SessionState): void {
    this.patch(tabId, { state, error: null })
  }

  dismissNotice(tabId: string): void {
    this.patch(tabId, { state: { ...this.view(tabId).state, notice: null } })
  }

  dismissError(tabId: string): void {
    this.patch(tabId, { error: null })
  }

  setManualCommit(tabId: string, manualCommit: boolean): void {
    this.patch(tabId, { manualCommit })
  }

  /** Commit or Rollback of the tab's open transaction. */
  async end(tabId: string, action: TransactionAction): Promise<void> {
    this.patch(tabId, { ending: true, error: null })
    const result = await this.client.call('session.transaction', { sessionId: tabId, action })
    if (result.ok) this.patch(tabId, { ending: false, state: result.value })
    else this.patch(tabId, { ending: false, error: result.error })
  }

  /**
   * Before a query tab goes away (closed, or moved to another connection): true when it may go at
   * once (its idle session is released); false when its transaction is open and the user is asked
   * first — `then` runs after the answer (Commit or Roll back), never after Cancel.
   */
  release(tab: Tab, then: () => void): boolean {
    if (tab.kind !== 'query') return true
    const view = this.view(tab.id)
    if (view.state.transaction === 'idle') {
      void this.close(tab.id, 'rollback')
      return true
    }
    this.pending = { tabId: tab.id, title: tab.title, state: view.state, then }
    this.notify()
    return false
  }

  /** The user's answer to the pending question. */
  async answer(choice: TransactionAction | 'cancel'): Promise<QuarryError | null> {
    const pending = this.pending
    if (!pending) return null
    if (choice === 'cancel') {
      this.pending = null
      this.notify()
      return null
    }
    const error = await this.close(pending.tabId, choice)
    this.pending = null
    this.notify()
    if (!error) pending.then()
    return error
  }

  private async close(tabId: string, action: TransactionAction): Promise<QuarryError | null> {
    const result = await this.client.call('session.close', { sessionId: tabId, action })
    if (!result.ok) {
      this.patch(tabId, { error: result.error })
      return result.error
    }
    this.views.delete(tabId)
    this.notify()
    return null
  }

  private patch(tabId: string, patch: Partial<TabSessionView>): void {
    this.views.set(tabId, { ...this.view(tabId), ...patch })
    this.notify()
  }

  private notify(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}
