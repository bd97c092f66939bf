import pg from 'pg'
import type { Submittable } from 'pg'
import type { ServerMessage } from '../../../shared/contract'
import { CALL_TIMEOUT_CODE, callTimeoutMessage, withCallTimeout } from '../call-timeout'
import { pgFailure } from './postgres-errors'
import type { BackendKey } from './postgres-cancel'
import type { PgSettings, PgTarget, TlsAttempt } from './postgres-options'
import type { PortalStatement, PortalWire } from './postgres-portal'
import { keepRowBytes } from './postgres-raw-rows'

/** The slice of pg's Client the driver uses, so tests can hand it a fake. */
export interface PgClient {
  readonly processID: number | null
  readonly secretKey: number | null
  readonly connection: PortalWire & { stream: { destroy(error?: Error): void } }
  connect(): Promise<unknown>
  query(statement: PortalStatement | Submittable): unknown
  query(config: { text: string; values?: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>
  getTransactionStatus(): string | null
  end(): Promise<void>
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown
  on(event: 'notice', listener: (notice: PgNotice) => void): unknown
}

/** A NoticeResponse as pg hands it over. */
export interface PgNotice {
  severity?: string
  code?: string
  message?: string
  detail?: string
  hint?: string
}

/** Most notices kept per statement (a RAISE NOTICE in a loop over a big table must not fill memory). */
export const MAX_NOTICES = 1_000

/** A server notice as Quarry shows it: WARNING stays a warning, NOTICE/INFO/LOG/DEBUG are notices. */
export function noticeMessage(notice: PgNotice): ServerMessage {
  const severity = notice.severity === 'WARNING' ? 'warning' : notice.severity === 'INFO' ? 'info' : 'notice'
  const extra = [notice.detail && `DETAIL: ${notice.detail}`, notice.hint && `HINT: ${notice.hint}`].filter(Boolean)
  return {
    severity,
    text: [notice.message ?? '', ...extra].join('\n'),
    ...(notice.code ? { code: notice.code } : {}),
  }
}

/** Makes a pg client; tests may substitute their own. */
export type ClientFactory = (config: pg.ClientConfig) => PgClient

export const pgClient: ClientFactory = (config) => {
  const client = new pg.Client(config)
  keepRowBytes(client.connection)
  return client as unknown as PgClient
}

const CLOSE_TIMEOUT_MS = 2_000

/**
 * One server session: a pg Client on one database. Query sessions are held by one stream at a
 * time; metadata sessions take calls one after another (`query` queues them itself, as pg will
 * stop doing).
 */
export class PgSession {
  alive = true
  /** Rows received from the server on this session (the server produces a portal's rows on Execute). */
  rowsFetched = 0
  /** Held by a running stream. */
  busy = false
  private queue: Promise<unknown> = Promise.resolve()
  private notices: ServerMessage[] = []
  private droppedNotices = 0

  constructor(
    private readonly client: PgClient,
    readonly database: string,
    readonly target: PgTarget,
  ) {
    // An idle session whose socket dies (server restart, pg_terminate_backend) reports it here;
    // without a listener the 'error' event would bring down the process.
    client.on('error', () => (this.alive = false))
    client.on('end', () => (this.alive = false))
    client.on('notice', (notice) => {
      if (this.notices.length < MAX_NOTICES) this.notices.push(noticeMessage(notice))
      else this.droppedNotices++
    })
  }

  /** The notices and warnings the server sent since the last call (a statement's, after it ran). */
  takeNotices(): ServerMessage[] {
    const notices = this.notices
    if (this.droppedNotices > 0) {
      notices.push({ severity: 'info', text: `${this.droppedNotices} more messages were not kept` })
    }
    this.notices = []
    this.droppedNotices = 0
    return notices
  }

  get key(): BackendKey | null {
    const { processID, secretKey } = this.client
    return processID === null || secretKey === null ? null : { processId: processID, secretKey }
  }

  get pid(): number | null {
    return this.client.processID
  }

  /** 'I' idle, 'T' in a transaction, 'E' in a failed transaction (from the last ReadyForQuery). */
  get transactionStatus(): string | null {
    return this.client.getTransactionStatus()
  }

  /**
   * Runs a catalog query with bound parameters, after the session's earlier calls. A server that
   * does not answer within the target's callTimeoutMs (counted from when the query is sent) fails
   * it with a timeout, and the session is destroyed: the calls queued behind it fail at once too.
   */
  query<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const { callTimeoutMs, label } = this.target
    const run = this.queue.then(() =>
      withCallTimeout(this.client.query({ text, values }), callTimeoutMs, () => {
        this.destroy()
        return pgFailure(
          'timeout',
          callTimeoutMessage(`The PostgreSQL server ${label}`, callTimeoutMs),
          CALL_TIMEOUT_CODE,
        )
      }),
    )
    this.queue = run.catch(() => {})
    return run.then(
      (result) => result.rows as T[],
      (error: unknown) => {
        // FATAL (the server ends the session) or a socket error: pg marks the client unusable
        // only once the socket closes, a moment later; nobody may use it in between.
        const severity = (error as { severity?: unknown }).severity
        if (typeof severity !== 'string' || severity === 'FATAL' || severity === 'PANIC') this.alive = false
        throw error
      },
    )
  }

  /** Hands a statement to pg's client, which routes the server's answers to it until it ends. */
  run(statement: PortalStatement): void {
    this.client.query(statement)
  }

  /** Hands pg's client another protocol exchange (a COPY FROM STDIN stream). */
  submit(exchange: Submittable): void {
    this.client.query(exchange)
  }

  async close(): Promise<void> {
    if (!this.alive) return this.destroy()
    this.alive = false
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())
    await Promise.race([this.client.end().catch(() => {}), timeout])
    this.destroy()
  }

  /** Drops the socket at once (a session in an unknown state is never reused). */
  destroy(): void {
    this.alive = false
    this.client.connection.stream.destroy()
  }
}

const retriesWithoutTls = (error: unknown): boolean => {
  const message = error instanceof Error ? error.message : ''
  const code = (error as { code?: unknown }).code
  // The server said N to SSLRequest, the handshake failed, or pg_hba.conf rejects TLS (hostnossl).
  return (
    /does not support SSL|SSL connection|handshake|EPROTO|ssl/i.test(message) ||
    code === 'EPROTO' ||
    code === 'ECONNRESET' ||
    code === '28000'
  )
}

/**
 * Opens sessions for one connection, trying its TLS attempts in order (`prefer`: TLS, then
 * plain). Once plain was needed, later sessions go straight to it.
 */
export function sessionOpener(settings: PgSettings, makeClient: ClientFactory = pgClient) {
  let attempts: TlsAttempt[] = settings.attempts
  return async (database: string): Promise<PgSession> => {
    for (const [index, tls] of attempts.entries()) {
      const client = makeClient(settings.clientConfig(database, tls))
      client.on('error', () => {}) // a failed connect reports through connect()'s rejection
      try {
        await client.connect()
        if (tls === false && index > 0) attempts = [false]
        return new PgSession(client, database, settings.target)
      } catch (error) {
        client.connection.stream.destroy()
        if (index === attempts.length - 1 || !retriesWithoutTls(error)) throw error
      }
    }
    throw new Error('No way to connect was configured')
  }
}
