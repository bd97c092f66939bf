import { changeCountText } from './edit-changes'
import { EditStore } from './edit-store'

/** A question about staged edits the user must answer before something goes ahead. */
export interface StagedQuestion {
  title: string
  message: string
  /** Label of the answer that discards the staged edits and goes ahead. */
  discardLabel: string
  /** Label of an answer that keeps them and goes ahead anyway (a refresh), if there is one. */
  keepLabel: string | null
  answer(choice: 'discard' | 'keep' | 'cancel'): void
}

/**
 * Every table tab's staged edits, by tab id, held outside the tab's components: they survive the
 * grid being rebuilt (a re-query, a view switch) and are never lost silently. Closing a tab or
 * refreshing its rows with staged edits asks first (one question at a time, shown by the app).
 */
export class EditRegistry {
  private readonly stores = new Map<string, EditStore>()
  private question: StagedQuestion | null = null
  private version = 0
  private readonly listeners = new Set<() => void>()

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  get pending(): StagedQuestion | null {
    return this.question
  }

  storeFor(tabId: string): EditStore {
    let store = this.stores.get(tabId)
    if (!store) {
      store = new EditStore()
      this.stores.set(tabId, store)
    }
    return store
  }

  /** Tabs with staged edits (the window asks before it goes). */
  stagedCount(): number {
    let count = 0
    for (const store of this.stores.values()) if (store.size > 0) count++
    return count
  }

  /**
   * Before a tab closes: true when it has nothing staged (close now); else asks, and `proceed`
   * runs after the user chose to discard them.
   */
  guardClose(tabId: string, title: string, proceed: () => void): boolean {
    const store = this.stores.get(tabId)
    if (!store || store.size === 0) {
      this.stores.delete(tabId)
      return true
    }
    this.ask({
      title: 'Staged changes',
      message: `${title} has ${changeCountText(store.size)} not applied. Closing the tab discards them.`,
      discardLabel: 'Discard and close',
      keepLabel: null,
      run: (choice) => {
        if (choice !== 'discard') return
        store.discard(true)
        this.stores.delete(tabId)
        proceed()
      },
    })
    return false
  }

  /** Before a refresh: runs it at once when nothing is staged; else asks keep / discard / cancel. */
  guardRefresh(tabId: string, title: string, refresh: () => void): void {
    const store = this.stores.get(tabId)
    if (!store || store.size === 0) return refresh()
    this.ask({
      title: 'Staged changes',
      message: `${title} has ${changeCountText(store.size)} not applied. Refresh reads the rows again; kept changes stay staged over them, matched by key.`,
      discardLabel: 'Discard and refresh',
      keepLabel: 'Keep and refresh',
      run: (choice) => {
        if (choice === 'cancel') return
        if (choice === 'discard') store.discard()
        refresh()
      },
    })
  }

  private ask(
    question: Omit<StagedQuestion, 'answer'> & { run: (choice: 'discard' | 'keep' | 'cancel') => void },
  ): void {
    const { run, ...rest } = question
    this.question = {
      ...rest,
      answer: (choice) => {
        this.question = null
        this.changed()
        run(choice)
      },
    }
    this.changed()
  }

  private changed(): void {
    this.version++
    for (const listener of [...this.listeners]) listener()
  }
}
