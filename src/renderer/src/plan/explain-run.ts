import type { QuarryError, QueryPlan } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'

export type ExplainState =
  | { status: 'idle' }
  | { status: 'running'; analyze: boolean }
  | { status: 'done'; plan: QueryPlan }
  | { status: 'error'; error: QuarryError }

/** One editor's Explain: asks main for the plan of a statement and holds the answer. */
export class ExplainRun {
  private state: ExplainState = { status: 'idle' }
  private readonly listeners = new Set<() => void>()
  private generation = 0

  constructor(
    private readonly client: QuarryClient,
    private readonly connectionId: string,
    /** The database it explains in (absent: the connection's own). */
    private readonly database?: string,
  ) {}

  getState = (): ExplainState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(sql: string, analyze: boolean): Promise<void> {
    const generation = ++this.generation
    this.set({ status: 'running', analyze })
    const result = await this.client.call('query.explain', {
      connectionId: this.connectionId,
      sql,
      analyze,
      ...(this.database ? { database: this.database } : {}),
    })
    // A newer Explain replaced this one while it ran.
    if (generation !== this.generation) return
    this.set(result.ok ? { status: 'done', plan: result.value } : { status: 'error', error: result.error })
  }

  private set(state: ExplainState): void {
    this.state = state
    for (const listener of this.listeners) listener()
  }
}
