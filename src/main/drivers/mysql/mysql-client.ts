import { checkServerIdentity } from 'node:tls'
import type { Readable } from 'node:stream'
import type { PeerCertificate } from 'node:tls'
import { createConnection } from 'mysql2'
import type { MysqlErrorLike } from './mysql-errors'
import type { MysqlTarget } from './mysql-options'

/** A column of a result as mysql2 parses its definition packet. */
export interface ColumnDefinition {
  name: string
  columnType: number
  columnLength: number
  flags: number
  decimals: number
  /** Collation id of the value as sent (63 = binary). */
  characterSet: number
  /** mysql2's Node encoding name for that collation. */
  encoding: string
  /** MariaDB extended metadata: `uuid`, `inet6`, `point`…; `json` as format. */
  extendedTypeName?: string
  extendedFormat?: string
  /** The database, original table and original column a value is read from ('' for expressions). */
  schema?: string
  orgTable?: string
  orgName?: string
}

/** One protocol packet: the payload is buffer[offset, end). */
export interface Packet {
  buffer: Buffer
  offset: number
  end: number
  isEOF(): boolean
  /** Of an EOF packet: the warnings of the result it ends. */
  eofWarningCount(): number
}

/** The OK packet that ends a statement without rows. */
export interface OkPacket {
  affectedRows: number
  /** The server's info text ("Rows matched: 1  Changed: 0  Warnings: 0" after an UPDATE). */
  info?: string
  /** Warnings the statement raised (SHOW WARNINGS lists them). */
  warningStatus?: number
  /** The server's status flags after the statement (SERVER_STATUS_IN_TRANS = 1). */
  serverStatus?: number
  stateChanges?: { schema: string | null }
}

/** A state of mysql2's command state machine: handles a packet, returns the next state or null. */
export type CommandState = (this: QueryCommand, packet: Packet, connection: unknown) => CommandState | null

/** A running COM_QUERY: an emitter whose `row` state reads each row packet (see result reader). */
export interface QueryCommand {
  row: CommandState
  on(event: 'fields', listener: (fields: ColumnDefinition[] | undefined) => void): this
  on(event: 'result', listener: (result: unknown, index: number) => void): this
}

export type Callback<T> = (error: MysqlErrorLike | null, result?: T) => void

/**
 * The slice of a mysql2 Connection this driver uses: the vendor edge, kept narrow so the rest of
 * the driver depends on this interface rather than on mysql2's classes.
 */
export interface MysqlClient {
  readonly threadId: number | null
  readonly stream: { getPeerCertificate?(detailed?: boolean): PeerCertificate }
  connect(callback: (error: MysqlErrorLike | null) => void): void
  query(sql: string, callback: Callback<unknown>): QueryCommand
  /** A query whose LOAD DATA LOCAL reads the stream the factory gives (never a file: see mysql-bulk-writer). */
  query(
    options: { sql: string; infileStreamFactory: (path: string) => Readable },
    callback: Callback<unknown>,
  ): QueryCommand
  /** A prepared statement: values are bound by the server, never spliced into the text. */
  execute(sql: string, values: readonly unknown[], callback: Callback<unknown>): unknown
  pause(): void
  resume(): void
  /** COM_RESET_CONNECTION: rolls back, drops temporary tables, resets session variables. */
  reset(callback: (error: MysqlErrorLike | null) => void): void
  ping(callback: (error: MysqlErrorLike | null) => void): void
  end(callback?: (error: MysqlErrorLike | null) => void): void
  destroy(): void
  on(event: 'error' | 'end', listener: (error?: MysqlErrorLike) => void): this
}

const noop = (): void => {}

function connectOnce(options: MysqlTarget['client']): Promise<MysqlClient> {
  const client = createConnection(options) as unknown as MysqlClient
  // A session that dies while idle must not crash the process; the pool watches for it too.
  client.on('error', noop)
  return new Promise((resolve, reject) => {
    client.connect((error) => {
      if (error) {
        client.destroy()
        reject(error)
      } else resolve(client)
    })
  })
}

/**
 * Opens one session. SSL mode `prefer` falls back to plaintext when the server offers no TLS;
 * verify-full to an IP address checks the certificate names that address.
 */
export async function openClient(target: MysqlTarget): Promise<MysqlClient> {
  let client: MysqlClient
  try {
    client = await connectOnce(target.client)
  } catch (error) {
    if (target.sslMode !== 'prefer' || (error as MysqlErrorLike).code !== 'HANDSHAKE_NO_SSL_SUPPORT') throw error
    // This server has no TLS: later sessions of this connection go plaintext at once.
    const { ssl: _ssl, ...plain } = target.client
    target.client = plain
    client = await connectOnce(plain)
  }
  // mysql2 resumes the TLS session of this target's first session for later ones, and a resumed
  // session shows no certificate: the name was checked on the first one (a failure there fails
  // the connect, so nothing is resumed past it). Anything else is checked, and fails closed.
  const resumed = (client.stream as { isSessionReused?: () => boolean }).isSessionReused?.() === true
  if (target.verifyHost && !(resumed && target.identityVerified)) {
    const failure = checkServerIdentity(
      target.verifyHost,
      client.stream.getPeerCertificate?.(true) ?? ({} as PeerCertificate),
    )
    if (failure) {
      client.destroy()
      throw failure
    }
    target.identityVerified = true
  }
  return client
}

/** Runs a statement whose whole result is small; with values, as a prepared statement. */
export function runQuery<T>(client: MysqlClient, sql: string, values?: readonly unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const done: Callback<unknown> = (error, rows) => (error ? reject(error) : resolve(rows as T[]))
    if (values) client.execute(sql, values, done)
    else client.query(sql, done)
  })
}

export const resetClient = (client: MysqlClient): Promise<void> =>
  new Promise((resolve, reject) => client.reset((error) => (error ? reject(error) : resolve())))

export const pingClient = (client: MysqlClient): Promise<void> =>
  new Promise((resolve, reject) => client.ping((error) => (error ? reject(error) : resolve())))
