import type {
  CatalogMethods,
  HostMessageOf,
  HostReadyBase,
  HostRequestOf,
  NoParams,
  ParamsOf,
  QueryBatch,
  QueryOpened,
  ResultOf,
} from '../engine-host/host-messages'

export type { QueryBatch, QueryOpened } from '../engine-host/host-messages'

/** How the host opens its database: a file, `:memory:`, or a data file shown as a view. */
export interface OpenParams {
  file: string
  readOnly: boolean
}

/** A host's counters, for diagnostics and tests. */
export interface HostStats {
  pid: number
  /** Rows handed to main in batches since the host started. */
  rowsDelivered: number
  /** Rows taken from DuckDB's results (whole chunks of up to 2048 rows). */
  rowsFetched: number
  /** Sessions (one per running script) open now. */
  sessions: number
  /** meta.tableSchema answers given from structures kept (see KeptTableSchemas). */
  structuresKept: number
}

/** Every request main makes of a host: its parameters and its result. */
export interface HostMethods extends CatalogMethods {
  open: { params: OpenParams; result: null }
  stats: { params: NoParams; result: HostStats }
  /**
   * Runs one statement of a session (its own DuckDB connection, made on first use, `USE`-ing
   * `database` if given): a statement without rows runs to the end, one with rows opens a stream.
   */
  'query.open': { params: { session: string; sql: string; database?: string; params?: string[] }; result: QueryOpened }
  /** Reads the next rows of the session's open stream: DuckDB computes nothing until asked. */
  'query.next': { params: { session: string; size: number }; result: QueryBatch }
  /**
   * An import's batch (issue 17): `sql` (an INSERT … SELECT from read_csv($1)) run on the session's
   * connection with `file`, the batch written as CSV by main (or the import's own file), bound as $1, `params` as $2…. Answers the rows.
   */
  'bulk.load': { params: { session: string; sql: string; file: string; params?: string[] }; result: number }
  /** Interrupts the statement the session runs (DuckDB's interrupt). False if there is no such session. */
  'session.interrupt': { params: { session: string }; result: boolean }
  /** Closes the session's stream and its connection. */
  'session.end': { params: { session: string }; result: null }
  /** The session's transaction: none open (autocommit), open, or failed (only ROLLBACK helps). */
  'session.transaction': { params: { session: string }; result: 'idle' | 'open' | 'failed' }
  /**
   * When the catalog of `database` may have changed last (see CatalogEpoch): equal answers before
   * and after a catalog read mean the read still holds; null where another program can change it.
   */
  'catalog.epoch': { params: { database: string }; result: string | null }
}

export type HostMethod = keyof HostMethods
export type HostParams<M extends HostMethod> = ParamsOf<HostMethods, M>
export type HostResult<M extends HostMethod> = ResultOf<HostMethods, M>

/** A request message, main → host. */
export type HostRequest = HostRequestOf<HostMethods>

/** The host's first message: it is listening, and which versions it loaded. */
export interface HostReady extends HostReadyBase {
  duckdbVersion: string
}

export type { HostResponse } from '../engine-host/host-messages'
export type HostMessage = HostMessageOf<HostReady>
