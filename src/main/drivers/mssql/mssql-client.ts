import mssql from 'mssql'
import type { config as MssqlConfig } from 'mssql'
import type { LoginMessage } from './mssql-errors'
import type { MssqlTarget } from './mssql-options'

/** A result column as mssql describes it (arrayRowMode: in column order). */
export interface MssqlColumn {
  name: string
  /** mssql's type function; its `declaration` is the T-SQL type name (`nvarchar`, `decimal`…). */
  type?: { declaration?: string } | ((...args: never[]) => unknown)
  /** Bytes for character and binary types (65535 = max). */
  length?: number
  precision?: number
  scale?: number
  udt?: { name: string }
}

/** The fields of an error mssql/tedious reports that the driver reads. */
export interface MssqlErrorLike {
  message: string
  /** mssql's or tedious's code: ELOGIN, ETIMEOUT, ESOCKET, ECANCEL, EREQUEST… */
  code?: string
  /** SQL Server's error number, line and severity, on server errors. */
  number?: number
  lineNumber?: number
  class?: number
  state?: number
  /** mssql wraps tedious's error: the server's details are there. */
  originalError?: MssqlErrorLike & { info?: MssqlErrorLike; cause?: SocketCause }
  info?: MssqlErrorLike
  cause?: SocketCause
}

/** What tedious keeps of a socket failure: the error, or an AggregateError of one per address tried. */
export interface SocketCause {
  code?: string
  message?: string
  errors?: { code?: string }[]
}

/** A message the server sent with a batch (tedious's infoMessage: PRINT, RAISERROR of severity ≤ 10). */
export interface MssqlInfo {
  message?: string
  /** The message number: 0 for PRINT, 50000 for RAISERROR with a text, the server's own otherwise. */
  number?: number
  /** Severity (class): 0 to 10 for informational messages. */
  class?: number
}

/** One T-SQL batch in flight on a session, in stream mode: events, flow control and cancel. */
export interface MssqlBatch {
  /** A result set starts: its columns. */
  on(event: 'recordset', listener: (columns: MssqlColumn[]) => void): this
  on(event: 'row', listener: (row: unknown[]) => void): this
  /** A statement finished with a row count (DONE with a count: DML, or rows of a SELECT). */
  on(event: 'rowsaffected', listener: (count: number) => void): this
  /** A server error or a failure of the request; the batch may go on after a server error. */
  on(event: 'error', listener: (error: MssqlErrorLike) => void): this
  /** A server message (PRINT, RAISERROR ≤ 10), in order with the batch's other events. */
  on(event: 'info', listener: (info: MssqlInfo) => void): this
  /** The batch ended (after all its results and errors). */
  on(event: 'done', listener: () => void): this
  pause(): void
  resume(): void
  /** Sends TDS attention: the server stops the batch; the session stays usable. */
  cancel(): void
}

/**
 * One server session (one TDS connection, one SPID), the slice of mssql the driver uses. The
 * vendor edge is kept this narrow so tests can hand the driver a fake.
 */
export interface MssqlSession {
  readonly spid: number
  /** False once the connection ended (server restart, network, KILL). */
  readonly alive: boolean
  /**
   * Sends a T-SQL batch (as SSMS does: no sp_executesql wrapper), streamed. With `params`, it runs
   * through sp_executesql instead, the values bound to @p1, @p2… as nvarchar(max).
   */
  batch(sql: string, params?: readonly string[]): MssqlBatch
  /** A small query whose names and values travel as parameters (sp_executesql), rows as objects. */
  query<T>(sql: string, params?: Record<string, string | number | null>): Promise<T[]>
  /** sp_reset_connection on the next request: rolls back, drops temp tables, restores SET and database. */
  reset(): Promise<void>
  close(): Promise<void>
}

/** Opens a session on a database ('' for the login's default). */
export type SessionOpener = (database: string) => Promise<MssqlSession>

interface TediousConnection {
  on(event: 'end', listener: () => void): void
  reset(callback: (error: Error | null | undefined) => void): void
}

/** mssql's pool methods for the raw connection (public in mssql, absent from its types). */
interface RawPool {
  acquire(requester: unknown): Promise<TediousConnection>
  release(connection: TediousConnection): void
}

const noop = (): void => {}

/**
 * A session made of an mssql ConnectionPool of exactly one connection: every request of the
 * session runs on that connection (so a script's batches share temp tables and transactions),
 * and when it ends the session is dead rather than silently replaced.
 */
class PoolSession implements MssqlSession {
  alive = true

  private constructor(
    private readonly pool: mssql.ConnectionPool,
    readonly spid: number,
  ) {}

  static async open(config: MssqlConfig): Promise<PoolSession> {
    const pool = new mssql.ConnectionPool({
      ...config,
      pool: { min: 0, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
      // No SELECT 1 before each request; and a dead connection is reported (alive = false),
      // never silently replaced by a fresh one that has lost the session's state.
      validateConnection: false,
    } as MssqlConfig)
    pool.on('error', noop) // reported through the requests; never an unhandled 'error'
    await pool.connect()
    let session: PoolSession | null = null
    try {
      const raw = pool as unknown as RawPool
      const connection = await raw.acquire(pool)
      connection.on('end', () => session && (session.alive = false))
      raw.release(connection)
      const { recordset } = await pool.request().query<{ spid: number }>('SELECT @@SPID AS spid')
      session = new PoolSession(pool, recordset[0]?.spid ?? -1)
      return session
    } catch (error) {
      await pool.close().catch(noop)
      throw error
    }
  }

  batch(sql: string, params?: readonly string[]): MssqlBatch {
    const request = new mssql.Request(this.pool)
    request.stream = true
    request.arrayRowMode = true
    if (params) {
      params.forEach((value, i) => request.input(`p${i + 1}`, mssql.NVarChar(mssql.MAX), value))
      void request.query(sql).catch(noop)
    } else void request.batch(sql).catch(noop) // stream mode reports through events
    return request as unknown as MssqlBatch
  }

  async query<T>(sql: string, params: Record<string, string | number | null> = {}): Promise<T[]> {
    const request = this.pool.request()
    for (const [name, value] of Object.entries(params)) {
      request.input(name, typeof value === 'number' ? mssql.Int : mssql.NVarChar(mssql.MAX), value)
    }
    return (await request.query<T>(sql)).recordset ?? []
  }

  async reset(): Promise<void> {
    const raw = this.pool as unknown as RawPool
    const connection = await raw.acquire(this)
    try {
      await new Promise<void>((resolve, reject) => connection.reset((error) => (error ? reject(error) : resolve())))
    } finally {
      raw.release(connection)
    }
  }

  async close(): Promise<void> {
    this.alive = false
    await this.pool.close().catch(noop)
  }
}

/**
 * Sessions through mssql for a target. A failed login carries the server's own messages
 * (`loginMessages`), which say more than tedious's "Login failed".
 */
export const mssqlOpener =
  (target: MssqlTarget): SessionOpener =>
  async (database) => {
    const loginMessages: LoginMessage[] = []
    try {
      return await PoolSession.open(target.config(database, loginMessages))
    } catch (error) {
      if (error && typeof error === 'object') Object.assign(error, { loginMessages: [...loginMessages] })
      throw error
    }
  }
