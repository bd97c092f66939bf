import { QuarryFailure, WRITE_REFUSED_CODE } from '../../../shared/contract'
import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import type { EngineSession, RunEnd, StatementEvent, StatementStart } from '../engine-session'
import type { HostPool } from './host-pool'
import type { HostProcess } from './host-process'
import { namedTokenPosition, toQuarryError } from './sqlite-errors'

/**
 * How long a host may take to acknowledge a cancel before it is killed. It answers within a
 * millisecond when idle between pulls, or after the batch it is reading; no answer means it is
 * inside one long step, which only killing the process can stop.
 */
export const CANCEL_GRACE_MS = 75

const noop = (): void => {}

/**
 * A query host as the script runner uses it: one host for the whole script, so its statements
 * share one SQLite connection (BEGIN … COMMIT works). Pull-based: the host reads a batch only when
 * asked, one batch ahead of the consumer, so the host reads while the consumer handles the
 * previous batch; memory stays bounded by two batches.
 */
export class SqliteScriptSession implements EngineSession {
  /** The host keeps a cursor open for us between pulls. */
  private cursorOpen = false

  constructor(
    readonly host: HostProcess,
    private readonly pool: HostPool,
  ) {}

  async *start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    const { host } = this
    // A read-only connection's host refuses writes itself; the guard asks it to for this statement.
    const params = start.params ? { params: [...start.params] } : {}
    const opened = await host.request('query.open', { sql: statement.sql, guard: start.guarded, ...params })
    this.cursorOpen = opened.reader
    yield { kind: 'columns', columns: opened.columns }
    if (!opened.reader) {
      yield { kind: 'summary', affectedRows: opened.affectedRows }
      return
    }
    let index = 0
    const pull = () => {
      const request = host.request('query.next', { size: start.sizes(index++) })
      request.catch(noop) // a prefetch left behind by an early exit may fail unobserved
      return request
    }
    let next = pull()
    for (;;) {
      const batch = await next
      if (batch.done) this.cursorOpen = false
      else next = pull()
      if (batch.count > 0) yield { kind: 'rows', rows: batch.rows, count: batch.count }
      if (batch.done) break
    }
    yield { kind: 'summary', affectedRows: null }
  }

  /** Closes the cursor, or, for a host inside one long step, kills it once the grace has passed. */
  async interrupt(): Promise<void> {
    const { host } = this
    if (host.alive && host.busy) this.pool.prepareSpare() // it may be stuck and killed: boot its replacement now
    await this.stopHost()
  }

  /** Closes a cursor left open (early break, error) and stops work in flight. */
  async settle(end: RunEnd): Promise<boolean> {
    if (!end.interrupted) await this.stopHost()
    return this.host.alive
  }

  /**
   * A write refusal names where its statement starts in the script; an error that names a token
   * (`no such column: c.country`) points at that token.
   */
  failure(error: unknown, statement: ScriptStatement): QuarryFailure {
    const failure = error instanceof QuarryFailure ? error : new QuarryFailure(toQuarryError(error))
    if (failure.error.code === WRITE_REFUSED_CODE) {
      return new QuarryFailure({ ...failure.error, position: statement.offset + 1 })
    }
    const at =
      failure.error.position === undefined ? namedTokenPosition(failure.error.message, statement.sql) : undefined
    return at === undefined ? failure : new QuarryFailure({ ...failure.error, position: statement.offset + at })
  }

  private async stopHost(): Promise<void> {
    const { host } = this
    if (host.alive && (this.cursorOpen || host.busy)) await host.interrupt(CANCEL_GRACE_MS)
    this.cursorOpen = false
  }
}
