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
  /** Tab id → the tab's stores, one per table it edits (a table tab has one; a query tab one per table its results came from). */
  private readonly stores = new Map<string, Map<string, EditStore>>()
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

  /** A tab's staged edits of one table (`table`: its qualified name; '' for a table tab's own). */
  storeFor(tabId: string, table = ''): EditStore {
    let tab = this.stores.get(tabId)
    if (!tab) {
      tab = new Map()
      this.stores.set(tabId, tab)
    }
    let store = tab.get(table)
    if (!store) {
      store = new EditStore()
      tab.set(table, store)
    }
    return store
  }

  /** Staged changes of a tab, over all its tables. */
  stagedIn(tabId: string): number {
    let count = 0
    for (const store of this.stores.get(tabId)?.values() ?? []) count += store.size
    return count
  }

  /** Tabs with staged edits (the window asks before it goes). */
  stagedCount(): number {
    let count = 0
    for (const tabId of this.stores.keys()) if (this.stagedIn(tabId) > 0) count++
    return count
  }

  /**
   * Before a tab closes: true when it has nothing staged (close now); else asks, and `proceed`
   * runs after the user chose to discard them.
   */
  guardClose(tabId: string, title: string, proceed: () => void): boolean {
    return this.guardLeave(
      tabId,
      `${title} has {n} not applied. Closing the tab discards them.`,
      'Discard and close',
      proceed,
    )
  }

  /** Before a query tab moves to another connection or database: as guardClose. */
  guardSwitch(tabId: string, title: string, proceed: () => void): boolean {
    return this.guardLeave(
      tabId,
      `${title} has {n} not applied. Moving the tab to another connection or database discards them.`,
      'Discard and move',
      proceed,
    )
  }

  private guardLeave(tabId: string, message: string, discardLabel: string, proceed: () => void): boolean {
    const staged = this.stagedIn(tabId)
    if (staged === 0) {
      this.stores.delete(tabId)
      return true
    }
    this.ask({
      title: 'Staged changes',
      message: message.replace('{n}', changeCountText(staged)),
      discardLabel,
      keepLabel: null,
      run: (choice) => {
        if (choice !== 'discard') return
        for (const store of this.stores.get(tabId)?.values() ?? []) store.discard(true)
        this.stores.delete(tabId)
        proceed()
      },
    })
    return false
  }

  /** Before a refresh (a re-run): runs it at once when nothing is staged; else asks keep / discard / cancel. */
  guardRefresh(tabId: string, title: string, refresh: () => void, table = ''): void {
    const store = this.stores.get(tabId)?.get(table)
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

  /**
   * Before a query tab runs again (its result, and the rows the edits were staged on, go away):
   * runs at once when nothing is staged; else asks discard / cancel.
   */
  guardRun(tabId: string, title: string, run: () => void): void {
    this.guardDiscard(
      tabId,
      title,
      'Running the query again replaces that result and discards them.',
      'Discard and run',
      run,
    )
  }

  private guardDiscard(tabId: string, title: string, why: string, discardLabel: string, proceed: () => void): void {
    const staged = this.stagedIn(tabId)
    if (staged === 0) return proceed()
    this.ask({
      title: 'Staged changes',
      message: `${title} has ${changeCountText(staged)} not applied to the result shown. ${why}`,
      discardLabel,
      keepLabel: null,
      run: (choice) => {
        if (choice !== 'discard') return
        for (const store of this.stores.get(tabId)?.values() ?? []) store.discard(true)
        proceed()
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
