import type {
  DatabaseInfo,
  EncodedRows,
  QuarryError,
  ResultColumn,
  SchemaInfo,
  TableInfo,
  TableSchema,
} from '../../../shared/contract'

/** How a host opens the database file. */
export interface OpenParams {
  file: string
  readOnly: boolean
  /** Fail instead of creating the file (read-only connections, and every host after the first). */
  mustExist: boolean
}

/** What `query.open` learned about the statement. */
export type QueryOpened =
  { reader: true; columns: ResultColumn[] } | { reader: false; columns: ResultColumn[]; affectedRows: number }

/** Up to `size` rows, already encoded by the host; done when the cursor is exhausted (and closed). */
export interface QueryBatch {
  rows: EncodedRows
  count: number
  done: boolean
}

/** A host's counters, for diagnostics and tests. */
export interface HostStats {
  pid: number
  /** Rows read from cursors by this host since it started. */
  rowsRead: number
  cursorOpen: boolean
}

type NoParams = Record<string, never>

/** Every request the parent makes of a host: its parameters and its result. */
export interface HostMethods {
  open: { params: OpenParams; result: null }
  ping: { params: NoParams; result: null }
  version: { params: NoParams; result: string }
  stats: { params: NoParams; result: HostStats }
  'meta.databases': { params: NoParams; result: DatabaseInfo[] }
  'meta.schemas': { params: { database: string }; result: SchemaInfo[] }
  'meta.tables': { params: { database: string; schema: string }; result: TableInfo[] }
  'meta.tableSchema': {
    params: { database: string; schema: string; table: string }
    result: TableSchema
  }
  /**
   * Prepares one statement; runs it at once if it returns no rows, else opens a cursor. `guard`:
   * a statement SQLite says writes (sqlite3_stmt_readonly) is refused before its first step, as
   * every one is on a read-only connection.
   */
  'query.open': { params: { sql: string; guard: boolean; params?: string[] }; result: QueryOpened }
  /** Reads the next rows from the open cursor: the host reads nothing until asked. */
  'query.next': { params: { size: number }; result: QueryBatch }
  /** Closes the open cursor, if any. Also the cooperative cancel: the host is idle between pulls. */
  'query.close': { params: NoParams; result: null }
  /** Whether a transaction is open on the host's connection (SQLite's autocommit is off). */
  'session.inTransaction': { params: NoParams; result: boolean }
}

export type HostMethod = keyof HostMethods
export type HostParams<M extends HostMethod> = HostMethods[M]['params']
export type HostResult<M extends HostMethod> = HostMethods[M]['result']

/** A request message, parent → host. */
export type HostRequest = {
  [M in HostMethod]: { id: number; method: M; params: HostParams<M> }
}[HostMethod]

/** The host's first message: it is listening, and which library versions it loaded. */
export interface HostReady {
  type: 'ready'
  libraryVersion: string
  sqliteVersion: string
}

/** The answer to one request, host → parent. */
export type HostResponse =
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: QuarryError }

export type HostMessage = HostReady | HostResponse
