import type { ServerMessage } from '../../../shared/contract'
import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import type { EngineSession, ReadOnlyHooks, StatementEvent, StatementStart } from '../engine-session'
import { sendCancelRequest } from './postgres-cancel'
import { asFailure } from './postgres-errors'
import { PortalStatement } from './postgres-portal'
import { copyIn } from './postgres-copy-in'
import type { CopyIn } from './postgres-copy-in'
import { beginReadOnly, endReadOnly, readOnlyConnectionError, refusedByReadOnly } from './postgres-read-only'
import type { PgSession } from './postgres-session'
import type { TypeNames } from './postgres-type-names'
import type { ColumnOrigins } from './postgres-column-origins'

/**
 * If a cancelled statement has still not stopped after this long (a server that ignores the
 * request, a dead network), its session is dropped rather than left to hang the run.
 */
export const CANCEL_FALLBACK_MS = 5_000

const isCancelError = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '57014'
const noop = (): void => {}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/
const SESSION_STATE =
  /^(?:set|reset|prepare|listen|load|declare|do|call|discard)\b|^create\s+(?:(?:global|local)\s+)?temp(?:orary)?\b/i

/** Statements that may rename tables or columns: the cached column origins are forgotten. */
const DDL = /^(?:alter|drop|create)\b/i

/** Whether a statement may leave state in the session beyond its transaction. */
export const changesSession = (sql: string): boolean =>
  SESSION_STATE.test(sql.replace(LEADING_COMMENTS, '')) || /\bset_config\s*\(/i.test(sql)

/** What statements need from their connection. */
export interface StatementContext {
  typeNames: TypeNames
  columnOrigins: ColumnOrigins
  /** Counts rows received from the server, connection-wide. */
  onRows(count: number): void
}

/**
 * A server session as the script runner uses it: each statement through a portal read in batches
 * of the plan's sizes. Interrupt sends the protocol's CancelRequest for that backend, only while
 * our statement is executing on it; the session is never killed for a cancel. Settling ends a
 * portal left open and absorbs a cancel request that may still be on its way.
 */
export class PostgresScriptSession implements EngineSession {
  private portal: PortalStatement | null = null
  private copying: CopyIn | null = null
  /** The portal work a statement awaits now: an interrupt waits for it to settle. */
  private pending: Promise<unknown> | null = null
  private cancelRequest: Promise<void> | null = null
  private fallback: NodeJS.Timeout | undefined
  /**
   * A statement may have changed session state (SET, temp tables, prepared statements…): a pooled
   * session is reset before anyone else runs on it, so no run sees another's settings.
   */
  changedSession = false
  readonly readOnly: ReadOnlyHooks

  constructor(
    readonly session: PgSession,
    private readonly context: StatementContext,
  ) {
    this.readOnly = {
      begin: async (statement, readOnly) => (readOnly ? beginReadOnly(session, statement.offset) : undefined),
      end: () => endReadOnly(session),
      refused: refusedByReadOnly,
      connectionRefusal: readOnlyConnectionError,
    }
  }

  start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    if (changesSession(statement.sql)) this.changedSession = true
    if (DDL.test(statement.sql.replace(LEADING_COMMENTS, ''))) this.context.columnOrigins.forget()
    if (statement.copyData !== undefined) return this.copy(statement.sql, statement.copyData)
    const portal = new PortalStatement(statement.sql, start.sizes(0), this.context.onRows, start.params)
    this.portal = portal
    this.session.takeNotices() // what came before (the driver's own statements) is not this statement's
    this.session.run(portal)
    return this.events(portal, start.sizes)
  }

  /** Sends the cancel request if our statement is executing; resolves once the statement stopped. */
  async interrupt(): Promise<void> {
    this.copying?.stop()
    await this.interruptServer()
    await this.pending?.then(noop, noop)
  }

  async settle(): Promise<boolean> {
    const { session, portal } = this
    try {
      // A session the server ended (FATAL) may not have seen its socket close yet.
      if (portal?.sessionLost) session.destroy()
      if (portal && session.alive) {
        // An Execute still running when the consumer stopped is stopped too, not waited for.
        if (portal.executing) await this.interruptServer()
        await portal.close().catch(noop)
      }
      if (this.cancelRequest) await this.cancelRequest
      // A cancel that raced with the statement's end may reach the backend later: a trivial
      // statement takes it (or the backend, idle by then, has ignored it) before anyone else runs.
      if (this.cancelRequest && !isCancelError(portal?.failure) && session.alive) {
        await session.query('SELECT 1').catch((error: unknown) => isCancelError(error) || session.destroy())
      }
    } catch {
      session.destroy()
    } finally {
      clearTimeout(this.fallback)
      this.portal = this.pending = this.cancelRequest = null
    }
    return session.alive
  }

  failure(error: unknown, statement: ScriptStatement) {
    return asFailure(error, { statementOffset: statement.offset })
  }

  /** One statement's columns, row batches (the next one requested as each arrives) and summary. */
  private async *events(portal: PortalStatement, sizes: (index: number) => number): AsyncGenerator<StatementEvent> {
    const fields = await this.track(portal.described)
    if (!fields) {
      const ended = this.track(portal.ended)
      yield { kind: 'columns', columns: [] }
      await ended
      // A command whose tag has no count (CREATE TABLE…) changed no rows that it reports.
      yield { kind: 'summary', affectedRows: portal.commandCount ?? 0, ...this.outcome(portal) }
      return
    }
    // Both catalog lookups (usually none: cached) run together on the metadata session.
    const [types, origins] = await Promise.all([
      this.context.typeNames.resolve(this.session.database, fields),
      this.context.columnOrigins.resolve(this.session.database, fields),
    ])
    yield {
      kind: 'columns',
      columns: fields.map((field, i) => {
        const origin = origins[i]
        return { name: field.name, type: types[i] ?? null, ...(origin ? { origin } : {}) }
      }),
    }
    let next = this.track(portal.first)
    for (let batchIndex = 1; ; batchIndex++) {
      const batch = await next
      if (!batch.done) next = this.track(portal.fetch(sizes(batchIndex)))
      if (batch.rows) yield { kind: 'rows', rows: batch.rows, count: batch.count }
      if (batch.done) break
    }
    await this.track(portal.ended)
    yield { kind: 'summary', affectedRows: null, ...this.outcome(portal) }
  }

  /** The server's command tag and the notices it sent while the statement ran. */
  private outcome(portal: PortalStatement): { command?: string; messages: ServerMessage[] } {
    const messages = this.session.takeNotices()
    return { ...(portal.commandTag ? { command: portal.commandTag } : {}), messages }
  }

  /** COPY … FROM stdin with the data the script carried after it. */
  private async *copy(sql: string, data: string): AsyncGenerator<StatementEvent> {
    const copying = copyIn(this.session, sql, data)
    this.copying = copying
    let rows: number
    try {
      rows = await this.track(copying.done)
    } finally {
      this.copying = null
    }
    yield { kind: 'columns', columns: [] }
    yield { kind: 'summary', affectedRows: rows }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending = work
    return work
  }

  /** Sends the cancel request, once, if our statement is executing on the server right now. */
  private interruptServer(): Promise<void> {
    if (this.cancelRequest) return this.cancelRequest
    const session = this.session
    const key = session.alive ? session.key : null
    if (!key || !this.portal?.executing) return Promise.resolve()
    this.fallback = setTimeout(() => session.destroy(), CANCEL_FALLBACK_MS)
    this.fallback.unref()
    this.cancelRequest = sendCancelRequest(session.target, key).catch(() => {
      // Unreachable postmaster: the fallback timer drops the session if the statement never stops.
    })
    return this.cancelRequest
  }
}
