import { QuarryFailure } from '../../shared/contract'
import type { ScriptStatement } from '../../shared/dialect/split-statements'
import type { SessionHandle, StreamItem, StreamOptions } from './driver'
import { openTabSession } from './tab-session-handle'
import type { EngineSession, HeldSession, ScriptEngine } from './engine-session'
import { RunControl } from './run-control'
import { checkedStatements } from './script-statements'
import { batchSizeAt } from './stream-results'
import { runsReadOnly, writeRefused } from './write-guard'

/**
 * The one statement loop of every engine. It splits the script, takes a session (or uses one its
 * owner holds), runs the statements in order on it, wires the abort signal to the engine's
 * interrupt, maps errors to the script, sequences the read-only guard, and gives the session
 * back. Engines supply the hooks (engine-session.ts). One runner per connection: `abortAll` stops
 * its runs when the connection closes.
 */
export class ScriptRunner<S extends EngineSession> {
  private readonly runs = new Set<RunControl>()
  private readonly tabs = new Set<SessionHandle>()

  constructor(private readonly engine: ScriptEngine<S>) {}

  /** Streams a script's items; see QueryExecutor.stream. */
  stream(sql: string, options: StreamOptions): AsyncGenerator<StreamItem, void, undefined> {
    return this.run(sql, options, options.session as HeldSession<S> | undefined)
  }

  /** An editor tab's own session (engines with tab sessions); see DriverConnection.openSession. */
  async openSession(database?: string): Promise<SessionHandle> {
    const handle = await openTabSession(this.engine, (sql, options) => this.stream(sql, options), database)
    this.tabs.add(handle)
    return { ...handle, close: () => (this.tabs.delete(handle), handle.close()) }
  }

  /** Whether the engine has tab sessions. */
  get hasTabSessions(): boolean {
    return this.engine.tabSessions !== undefined
  }

  /** Aborts every run in flight; resolves once each has stopped in the engine. */
  async abortAll(): Promise<void> {
    await Promise.allSettled([...this.runs].map((run) => run.abort()))
    // The connection is closing: the tabs' own sessions end with it (rolled back).
    const tabs = [...this.tabs]
    this.tabs.clear()
    await Promise.allSettled(tabs.map((tab) => tab.close()))
  }

  private async *run(sql: string, options: StreamOptions, held?: HeldSession<S>): AsyncGenerator<StreamItem> {
    const { engine } = this
    const statements = this.statements(sql, options) // before taking a session
    const control = new RunControl(engine.cancelled)
    const { signal } = options
    const onAbort = (): void => void control.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    this.runs.add(control)
    let session: S | null = null
    let failure: QuarryFailure | null = null
    try {
      if (signal?.aborted) void control.abort()
      await control.checkpoint()
      session = held ? held.session : await engine.acquire(options, control.signal)
      control.hold(session)
      await control.checkpoint()
      let index = 0
      for (const [position, statement] of statements.entries()) {
        for (let run = 0; run < (statement.repeat ?? 1); run++) {
          index = yield* this.statement(control, session, statement, position, index, options)
        }
      }
    } catch (error) {
      if (error instanceof QuarryFailure) failure = error
      throw error
    } finally {
      signal?.removeEventListener('abort', onAbort)
      this.runs.delete(control)
      if (session) await this.end(control, session, held, failure)
    }
  }

  /** One statement (or one run of a repeated batch): its marker, mode, events. Returns the next marker index. */
  private async *statement(
    control: RunControl,
    session: S,
    statement: ScriptStatement,
    position: number,
    index: number,
    options: StreamOptions,
  ): AsyncGenerator<StreamItem, number> {
    const { offset, sql } = statement
    const marker = (): StreamItem => ({ kind: 'statement', index: index++, offset, sql })
    // SQL Server's batch is marked when it first answers (each of its results is a statement).
    let marked = !this.engine.markOnFirstEvent
    if (marked) yield marker()
    await control.checkpoint()
    const fail = (error: unknown) => session.failure(error, statement)
    const readOnly = runsReadOnly(this.engine.readOnly, options.readOnlyGuard, position)
    const guarded = runsReadOnly(false, options.readOnlyGuard, position)
    const hooks = session.readOnly
    if (hooks) await control.guard(hooks.begin(statement, readOnly), fail)
    const sizes = (batchIndex: number) => batchSizeAt(options.batchSize, batchIndex, this.engine.engine)
    try {
      const start = {
        sizes,
        guarded,
        index: position,
        ...(options.params ? { params: options.params } : {}),
        ...(options.knownColumns ? { knownColumns: options.knownColumns } : {}),
      }
      const cursor = await control.guard(
        Promise.resolve().then(() => session.start(statement, start)),
        fail,
      )
      let ended = false
      for (;;) {
        const step = await control.guard(cursor.next(), fail)
        if (step.done) break
        const event = step.value
        // A result after the statement's summary is a further statement of the stream (SQL Server).
        if (!marked || (ended && event.kind === 'columns')) yield marker()
        marked = true
        ended = event.kind === 'summary'
        yield event
        await control.checkpoint() // aborted while the consumer held the event
      }
    } catch (error) {
      // A batch that failed before it answered still has its statement, unless the run was cancelled.
      if (!marked && !(error instanceof QuarryFailure && error.error.kind === 'cancelled')) yield marker()
      if (!(error instanceof QuarryFailure) || !readOnly || !hooks?.refused(error)) throw error
      // On a read-only connection the refusal stays a plain read-only error: no confirmation lifts it.
      if (guarded) throw writeRefused(error, offset)
      throw hooks.connectionRefusal ? hooks.connectionRefusal(error) : error
    }
    if (hooks && readOnly) await control.guard(hooks.end(statement), fail)
    return index
  }

  /** Settles the session and, unless its owner holds it, gives it back. */
  private async end(control: RunControl, session: S, held: HeldSession<S> | undefined, failure: QuarryFailure | null) {
    const interrupted = await control.stopped()
    let usable = false
    try {
      usable = await session.settle({ interrupted, failure })
    } catch {
      usable = false
    }
    // A session whose state is unknown (its connection failed) is never reused.
    if (failure?.error.kind === 'connection') usable = false
    if (held) held.usable = usable
    else await this.engine.release(session, { broken: !usable }).catch(() => {})
  }

  /** The checks made before a session is taken: a valid fixed batch size, statements, params alone. */
  private statements(sql: string, options: StreamOptions): readonly ScriptStatement[] {
    const { engine } = this.engine
    if (typeof options.batchSize === 'number') batchSizeAt(options.batchSize, 0, engine)
    return checkedStatements(this.engine.split(sql), options, engine, this.engine.emptyScript)
  }
}
