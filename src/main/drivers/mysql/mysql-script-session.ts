import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import { settlesWithin } from '../settles-within'
import type { EngineSession, ReadOnlyHooks, RunEnd, StatementEvent, StatementStart } from '../engine-session'
import type { ServerMessage } from '../../../shared/contract'
import { runQuery } from './mysql-client'
import type { MysqlClient } from './mysql-client'
import { killStatement } from './mysql-cancel'
import { resultColumns } from './mysql-columns'
import { toMysqlFailure } from './mysql-errors'
import type { ErrorContext } from './mysql-errors'
import type { ServerProfile } from './mysql-flavor'
import { bindParams } from './mysql-params'
import type { Session, SessionPool } from './mysql-pool'
import {
  beginReadOnly,
  endReadOnly,
  refuseLift,
  refuseServerFile,
  refusedByReadOnly,
  setSessionReadOnly,
} from './mysql-read-only'
import { ResultReader } from './mysql-result-reader'
import type { ReadStats } from './mysql-result-reader'

/** What statements need from their connection. */
export interface StatementContext {
  pool: SessionPool
  profile: ServerProfile
  stats: ReadStats
  /** A read-only connection: its sessions start read-only and every statement runs read-only. */
  readOnly: boolean
  errors: ErrorContext
}

/** How long a statement may take to end after its KILL QUERY before its session is cut instead. */
const KILL_GRACE_MS = 2_000
const USE = /^use\s/i

/**
 * A query session as the script runner uses it. The script is split client-side (DELIMITER,
 * routine bodies…); the server never sees more than one statement per call. Rows are read from
 * the socket while at most one batch waits for the consumer. Interrupt stops the running statement
 * with KILL QUERY from a control session, while draining what it already sent.
 */
export class MysqlScriptSession implements EngineSession {
  private reader: ResultReader | null = null
  /** The session's state is unknown (its connection failed, a statement would not stop): close it. */
  private broken = false
  /** A KILL QUERY was sent: MySQL may keep it for the next statement. */
  killSent = false
  /** Read-only connections' sessions start read-only (initSession); a guard makes this one so. */
  private sessionReadOnly: boolean
  readonly readOnly: ReadOnlyHooks

  constructor(
    readonly session: Session,
    private readonly context: StatementContext,
  ) {
    const { client } = session
    this.sessionReadOnly = context.readOnly
    this.readOnly = {
      begin: async (statement, readOnly) => {
        if (readOnly) refuseLift(statement.sql, statement.offset)
        if (readOnly !== this.sessionReadOnly) {
          await setSessionReadOnly(client, readOnly)
          this.sessionReadOnly = readOnly
        }
        if (readOnly) await beginReadOnly(client)
      },
      end: (statement) => endReadOnly(client, context.profile.flavor, statement.offset),
      refused: refusedByReadOnly,
    }
  }

  get client(): MysqlClient {
    return this.session.client
  }

  start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    if (this.sessionReadOnly) refuseServerFile(statement.sql, statement.offset)
    const sql = start.params ? bindParams(statement.sql, start.params) : statement.sql
    this.reader = new ResultReader(this.client, sql, start.sizes, this.context.stats)
    return this.events(this.reader, sql)
  }

  interrupt(): Promise<void> {
    return this.halt()
  }

  async settle(end: RunEnd): Promise<boolean> {
    if (!end.interrupted) await this.halt()
    this.reader = null
    return !this.broken && this.session.alive
  }

  failure(error: unknown, statement: ScriptStatement) {
    const failure = toMysqlFailure(error, { ...this.context.errors, statement })
    if (failure.error.kind === 'connection') this.broken = true
    return failure
  }

  /** One statement: its columns, row batches and summary. */
  private async *events(reader: ResultReader, sql: string): AsyncGenerator<StatementEvent> {
    const bytesPerChar = (collation: number) => this.context.profile.maxBytesPerChar.get(collation) ?? 1
    const opened = await reader.opened
    if (reader.schemaChanged || USE.test(sql)) this.session.schemaChanged = true
    if (!opened.fields) {
      await reader.finished
      yield { kind: 'columns', columns: [] }
      const matched = matchedRows(sql, opened.info)
      const messages = await this.warnings(reader)
      yield {
        kind: 'summary',
        affectedRows: opened.affectedRows,
        ...(matched === null ? {} : { matchedRows: matched }),
        messages,
      }
      return
    }
    yield { kind: 'columns', columns: resultColumns(opened.fields, bytesPerChar) }
    for (;;) {
      const batch = await reader.next()
      if (!batch) break
      yield { kind: 'rows', rows: batch.rows, count: batch.count }
    }
    await reader.finished
    yield { kind: 'summary', affectedRows: null, messages: await this.warnings(reader) }
  }

  /** The statement's warnings, when the server counted any (SHOW WARNINGS lists the last statement's). */
  private async warnings(reader: ResultReader): Promise<ServerMessage[]> {
    if (reader.warnings === 0 || reader.error) return []
    const rows = await runQuery<{ Level: string; Code: number; Message: string }>(this.client, 'SHOW WARNINGS')
    return rows.map((row) => ({
      severity: row.Level === 'Note' ? 'notice' : 'warning',
      text: row.Message,
      code: String(row.Code),
    }))
  }

  /** KILL QUERY for a statement still running, while draining what it already sent. */
  private async halt(): Promise<void> {
    const reader = this.reader
    if (!reader || reader.ended) return
    const drained = reader.stop()
    // Often the rest of the result was already here (paused): let it play out before asking the server.
    await new Promise((resolve) => setImmediate(resolve))
    if (reader.ended) return
    const { pool, profile } = this.context
    try {
      const control = await pool.acquire('control')
      try {
        const target = { threadId: this.session.threadId, ended: () => reader.ended }
        this.killSent = (await killStatement(control.client, profile.flavor, target)) || this.killSent
        pool.release(control)
      } catch {
        pool.discard(control)
      }
    } catch {
      // No control session: the grace period below cuts the statement's session instead.
    }
    await settlesWithin(drained, KILL_GRACE_MS)
    if (!reader.ended) this.broken = true
  }
}

/**
 * The rows an UPDATE matched. Without CLIENT_FOUND_ROWS (the mysql client's way, kept here) its
 * affected rows are the rows it changed; the info text's first number is the rows it matched
 * ("Rows matched: 1  Changed: 0  Warnings: 0", in whatever language lc_messages names it).
 */
export function matchedRows(sql: string, info: string | undefined): number | null {
  if (!info || !/^\s*update\b/i.test(sql)) return null
  const first = /\d+/.exec(info)
  return first ? Number(first[0]) : null
}
