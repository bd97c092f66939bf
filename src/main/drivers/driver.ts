import type { ImportColumn } from '../../shared/contract/import-model'
import type {
  BuiltTableQuery,
  DatabaseInfo,
  EngineCapabilities,
  EncodedRows,
  EngineId,
  MssqlSettings,
  ResultColumn,
  SslMode,
  SchemaInfo,
  ServerInfo,
  TableInfo,
  PlanNode,
  TablePage,
  TableQuery,
  TableSchema,
  ServerMessage,
  TransactionState,
  WireValue,
} from '../../shared/contract'
import type { SqlDialect } from '../../shared/dialect/split-statements'
import type { SshTunnelOptions } from '../services/ssh/ssh-tunnel'
import type { HeldSession } from './engine-session'
import type { PagePlan } from './pages/table-pages'
import type { PageClauses } from './table-query-sql'
import type { EditOutcome, EditPlan, EditRequest } from '../../shared/contract/edit-model'

/** How to reach a database. Engine-specific fields live in `options`. */
export interface ConnectionOptions {
  engine: EngineId
  /** SQLite: path of the database file. */
  file?: string
  host?: string
  port?: number
  user?: string
  password?: string
  database?: string
  /**
   * Read-only connection, enforced by the engine, never by parsing SQL alone, and not liftable
   * from SQL (the same guard as `StreamOptions.readOnlyGuard`): PostgreSQL runs each statement in a
   * READ ONLY transaction it opens; MySQL sessions are READ ONLY and each statement runs in a
   * READ ONLY transaction, statements that would lift it refused; SQLite opens the file read-only
   * and refuses statements sqlite3_stmt_readonly says write (VACUUM INTO).
   * Extension points for the engines to come: SQL Server sets `ApplicationIntent=ReadOnly` (routes
   * to a readable secondary where there is one) and, since that alone does not stop writes on a
   * primary, refuses write statements before sending them (the verbs of
   * shared/dialect/dangerous-statements' `statementWords`); MongoDB refuses write commands
   * (insert/update/delete/findAndModify/drop/create…) with a `permission` error. A refused write
   * is a QuarryError of kind `permission` whose message says the connection is read-only.
   */
  readOnly?: boolean
  connectTimeoutMs?: number
  /**
   * Longest a catalog call (databases, schemas, tables, structure, version, ping) may wait for the
   * server: then it fails with a timeout error (code CALL_TIMEOUT) and the session it ran on is
   * dropped, never reused. Default: DEFAULT_CALL_TIMEOUT_MS (drivers/call-timeout.ts).
   */
  callTimeoutMs?: number
  ssl?: { mode: SslMode; caFile?: string }
  /** SQL Server: instance name and encryption (its TLS settings; `ssl` is not used). */
  mssql?: MssqlSettings
  /** MongoDB: the database the user is defined in (authSource); the driver's default when absent. */
  authDatabase?: string
  /** MongoDB: the host is an SRV name (mongodb+srv://), resolved through DNS. */
  srv?: boolean
  /**
   * The host name TLS verification checks when `host` is not the server's own name (an SSH
   * tunnel's local end): drivers verify the certificate against this name instead.
   */
  tlsServerName?: string
  /**
   * Reach host:port through this SSH tunnel. Main applies it before the driver connects
   * (services/ssh/tunneled-connect.ts): the driver then sees host 127.0.0.1 and the tunnel's local
   * port, with `tlsServerName` set, so any server engine (MongoDB, SQL Server too) gets tunnels by
   * reading host/port from these options and verifying TLS names against tlsServerName.
   */
  ssh?: SshTunnelOptions
}

/** Size of the n-th batch (0-based): small first so first rows paint fast, larger later. */
export type BatchPlan = (batchIndex: number) => number

export interface StreamOptions {
  /** The caller's id of the run; names it in the engine where it can (MongoDB's operation comment). */
  queryId?: string
  batchSize: number | BatchPlan
  /** Aborting stops the statement in the engine and ends the iteration: the one way to cancel a run. */
  signal?: AbortSignal
  database?: string
  /**
   * Values of the statement's placeholders, in order, sent apart from its text (the text must then
   * be one statement). Each is text the engine converts as it would a quoted literal.
   */
  params?: readonly string[]
  /**
   * The columns the caller already shows, in order (a next page of a table). Engines whose columns
   * come from the rows (MongoDB's fields) yield these first, so rows keep them in place and new
   * ones come after; engines with fixed columns ignore it.
   */
  knownColumns?: readonly string[]
  /**
   * Runs every statement in the engine's read-only mode (safe mode, exports, EXPLAIN ANALYZE), so the
   * server decides what writes: a statement it refuses changed nothing and fails as `permission`
   * with code WRITE_REFUSED_CODE. `allowWriteAt`: the index of the one statement the user
   * confirmed, run read-write. Only for engines whose descriptor says `serverJudgesWrites`.
   */
  readOnlyGuard?: ReadOnlyGuard
  /**
   * Run on this session, which its owner holds across runs (a tab's own session), instead of a
   * pooled one: the run never releases it and, when it ends, sets its `usable`. It must come from
   * the same connection.
   */
  session?: HeldSession
}

/** A server session held across runs by one editor tab (see DriverConnection.openSession). */
export interface SessionHandle {
  /** What runs on it are given (StreamOptions.session); `held.usable` false: the session is gone. */
  readonly held: HeldSession
  /** Its transaction as the server reports it now. */
  transaction(): Promise<TransactionState>
  /** Ends it: an open transaction is rolled back, never committed. Idempotent. */
  close(): Promise<void>
}

/** The options of `execute`: a stream's, without id and batch size. */
export type ExecuteOptions = Pick<StreamOptions, 'database' | 'signal' | 'readOnlyGuard' | 'params'>

/** See StreamOptions.readOnlyGuard. */
export interface ReadOnlyGuard {
  allowWriteAt?: number
}

/**
 * What a streaming execution yields: for each statement of the script, in order, a `statement`
 * marker, its columns (empty for statements without rows), its row batches, then its summary.
 * Engines whose rows have no fixed columns (MongoDB documents) may yield `columns` again between
 * batches: the new list keeps every earlier column in place and appends the new ones.
 */
export type StreamItem =
  | { kind: 'statement'; index: number; offset: number; sql: string }
  | { kind: 'columns'; columns: ResultColumn[] }
  | { kind: 'rows'; rows: EncodedRows; count: number }
  | {
      kind: 'summary'
      affectedRows: number | null
      /**
       * Rows the statement matched, where the engine counts them apart from `affectedRows` (MySQL's
       * UPDATE reports the rows it changed; a row set to the value it had is matched, not changed).
       */
      matchedRows?: number
      /** The engine's own command tag ("CREATE TABLE", "UPDATE 3"), where it reports one. */
      command?: string
      /** Notices and warnings the server sent while the statement ran. */
      messages?: ServerMessage[]
    }

/** A whole (small) result, for `execute`. */
export interface QueryResult {
  columns: ResultColumn[]
  rows: WireValue[][]
  affectedRows: number | null
}

/** Lifecycle of one logical connection (which may hold several engine sessions). */
export interface ConnectionLifecycle {
  ping(): Promise<void>
  version(): Promise<string>
  serverInfo(): Promise<ServerInfo>
  close(): Promise<void>
}

/** Running statements. */
export interface QueryExecutor {
  execute(sql: string, options?: ExecuteOptions): Promise<QueryResult>
  /**
   * Streams the results of a script (one or more statements, split by the engine's dialect, run in
   * order on one session; the first error stops it, with its position relative to the script). Pull-based: the next batch is read only when the consumer asks,
   * which is the backpressure. Breaking the loop or aborting the signal releases everything.
   * Errors are thrown as QuarryFailure.
   */
  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem>
  /**
   * Opens a session of its own for an editor tab (engines with transactions): runs given it as
   * `StreamOptions.session` share it. Absent where the engine has no such session.
   */
  openSession?(database?: string): Promise<SessionHandle>
}

/** Catalog browsing. Names are passed as parameters, never spliced into SQL. */
export interface Introspector {
  databases(): Promise<DatabaseInfo[]>
  schemas(database: string): Promise<SchemaInfo[]>
  tables(database: string, schema: string): Promise<TableInfo[]>
  tableSchema(database: string, schema: string, table: string): Promise<TableSchema>
  /**
   * Runs one of the driver's own catalog statements (the ER diagram's) where the catalog calls run:
   * an engine whose queries each take a process or a session of their own (SQLite's pool) reads
   * its catalog without starting one. Refuses a statement that is not a read. Absent: `execute`.
   */
  catalogRows?(database: string, query: BuiltTableQuery): Promise<WireValue[][]>
}

/**
 * Editing rows (issue "Edit data with proof"): plans the statements for staged changes and applies
 * them in one transaction, every one checked to affect exactly one row. SQL engines share one
 * implementation; document engines have their own. Absent: the engine's data cannot be edited.
 */
export interface ConnectionEdits {
  /** The key used and the exact statements, without running anything. */
  preview(
    request: EditRequest,
    options: {
      database?: string
      /** The tab session's transaction as last reported, and its commit mode: the wrapper shown is the one apply would use. */
      transaction?: TransactionState
      manualCommit?: boolean
    },
  ): Promise<EditPlan>
  /**
   * Runs the plan's statements in one transaction (on `session` when given, which stays held),
   * each checked to affect exactly one row; on a conflict everything rolls back and the answer
   * carries each conflicting row as it is now. `manualCommit`: leave them in the open transaction.
   */
  apply(
    request: EditRequest,
    options: {
      database?: string
      session?: HeldSession
      /** The session's transaction as the server reports it now (given with `session`). */
      transaction?: TransactionState
      manualCommit: boolean
      /** Hears the plan before it runs (History records its statements). */
      planned?: (plan: EditPlan) => void
      /**
       * Cancels the apply: the running statement stops in the engine, everything the apply did is
       * rolled back (to its savepoint in an open transaction), and it fails as `cancelled`.
       */
      signal?: AbortSignal
      /** How long one statement may wait for a row another session has locked, where the engine bounds it. */
      lockWaitMs?: number
    },
  ): Promise<EditOutcome>
}

/**
 * Paging a table's Data view: what a page adds to the table's query (its condition, order and
 * bounds) and how the table pages. Absent: the Data view reads every row.
 */
export interface TablePages {
  plan(query: TableQuery, page: TablePage, database: string | undefined): Promise<PagePlan>
}

/** Where a bulk write goes: the table and its columns, already quoted in the engine's dialect. */
export interface BulkTarget {
  table: string
  columns: readonly string[]
}

/**
 * A delimited UTF-8 file (a BOM allowed) whose engine reads it itself: its first record is the
 * header, skipped; `"` quotes a field, doubled inside it; no other escapes.
 */
export interface DirectLoad {
  file: string
  delimiter: string
  /** Unquoted fields equal to it are NULL; a quoted one is text. */
  nullMarker: string
  /** A loader that converts as the import does (`direct.converts`): the reading's NULL markers and the plan's columns. */
  nullMarkers: readonly string[]
  columns: readonly ImportColumn[]
  /** Data records, as the analysis counted them. */
  rows: number
  bytes: number
  /** No line is longer (bytes). */
  longestLineBytes: number
}

/**
 * An import's fast write path (issue 17): the engine's own bulk protocol (PostgreSQL COPY FROM
 * STDIN, MySQL LOAD DATA LOCAL, SQLite prepared INSERTs in its host, DuckDB read_csv of a batch).
 * Rows are values as text for each column (the same text a bound parameter would carry), null
 * for NULL. Writes run on a held session, inside
 * the caller's transaction; a failed write leaves that transaction to the caller (roll back to a
 * savepoint, or all of it). Aborting the signal stops the write and fails it as `cancelled`.
 */
export interface BulkWriter {
  /** Rows per write that suit the engine. */
  readonly batchRows: number
  /**
   * Whether this session can take bulk writes (the server allows them: MySQL's local_infile);
   * absent: always. When it cannot, the import writes multi-row INSERTs.
   */
  usable?(held: HeldSession): Promise<boolean>
  write(
    held: HeldSession,
    target: BulkTarget,
    rows: readonly (readonly (string | null)[])[],
    signal?: AbortSignal,
  ): Promise<void>
  /**
   * The engine loads the whole file itself into `target` (every file column, in order), on the held
   * session inside the caller's transaction; resolves with the rows loaded. `sent` reports the
   * file's bytes handed over so far. Absent: rows always go through `write`.
   */
  loadFile?(
    held: HeldSession,
    target: BulkTarget,
    load: DirectLoad,
    options: { signal?: AbortSignal; sent?: (bytes: number) => void },
  ): Promise<number>
}

export interface DriverConnection extends ConnectionLifecycle, QueryExecutor, Introspector {
  readonly engine: EngineId
  readonly edits?: ConnectionEdits
  readonly pages?: TablePages
  /** Bulk writes for imports; absent: imports use multi-row INSERTs through `stream`. */
  readonly bulk?: BulkWriter
  /**
   * A value that changes whenever `database`'s catalog may have changed: the same answer before and
   * after a catalog read means the read still holds, so it may be kept (the ER diagram's graph).
   * Only where nothing outside this connection can change the catalog (an embedded engine holding
   * its file); null or absent: catalog reads are never kept.
   */
  catalogEpoch?(database: string): Promise<string | null>
}

/** How an engine explains a statement: the EXPLAIN to run, and how to read its output. */
export interface PlanExplainer {
  /**
   * The EXPLAIN statement for one statement. `analyze` also runs it to measure (where the engine
   * can); `serverVersion` is given then, for engines whose flavours spell it differently. Throws a
   * QuarryFailure (invalid-input) when the engine cannot analyse.
   */
  statement(sql: string, analyze: boolean, serverVersion: string | null): string
  /** Reads the engine's EXPLAIN result into the plan model; throws when it is not what was expected. */
  parse(result: QueryResult): PlanNode
}

/** One engine's driver: its identity, what it can do, and how to connect. */
export interface Driver {
  readonly engine: EngineId
  readonly name: string
  readonly version: string
  readonly capabilities: EngineCapabilities
  connect(options: ConnectionOptions): Promise<DriverConnection>
  /** Quotes an identifier in this engine's dialect. */
  quoteIdentifier(name: string): string
  /** The lexical rules its scripts are split by; null when its scripts are not SQL (MongoDB's shell commands). */
  readonly dialect: SqlDialect | null
  /** EXPLAIN support; absent where the engine has none Quarry reads. */
  readonly explain?: PlanExplainer
  /** The statement (and its parameters) that reads a table's Data view; for `stream` with `params`. */
  tableQuery(query: TableQuery, page?: PageClauses): BuiltTableQuery
  /**
   * The catalog statement listing a schema's routines, sequences and triggers (columns kind, name,
   * detail); absent where the engine has none the tree shows.
   */
  objectsQuery?(schema: string): BuiltTableQuery
  /** The ER diagram's catalog statements for a whole schema (see SchemaGraphQueries); absent where there are none. */
  schemaGraphQueries?(database: string, schema: string): SchemaGraphQueries
  /** The ER diagram's catalog statements filtered by name (see SchemaGraphAroundQueries); absent: the whole schema is read. */
  schemaGraphAroundQueries?(database: string, schema: string): SchemaGraphAroundQueries
}

/**
 * Two catalog statements that read a whole schema for the ER diagram, whatever its size.
 * `columns` rows: table_name, kind ('table' | 'view'), column_name, type, nullable (1/0), pk
 * (position in the primary key, 0 when not in it), in table then column order. `foreignKeys`
 * rows: name, table_name, column_name, ref_schema, ref_table, ref_column (NULL: the referenced
 * table's primary key column at that position), in table, key, then column order.
 */
export interface SchemaGraphQueries {
  columns: BuiltTableQuery
  foreignKeys: BuiltTableQuery
}

/**
 * Catalog statements filtered by name, so a table's neighbourhood is read without the whole schema.
 * Each binds its names as one parameter (a JSON array of strings) and returns rows shaped as
 * SchemaGraphQueries' (`columns` rows or `foreignKeys` rows).
 */
export interface SchemaGraphAroundQueries {
  /** `columns` rows of the schema's tables and views named as listed (names compared lower-cased). */
  columnsOf(tables: readonly string[]): BuiltTableQuery
  /** `foreignKeys` rows of the listed tables' keys, and of the schema's keys referring to a listed table. */
  foreignKeysOf(tables: readonly string[]): BuiltTableQuery
  /** Rows table_name, column_name of the schema's table (not view) columns named as listed (lower-cased). */
  columnsNamed(columns: readonly string[]): BuiltTableQuery
  /**
   * Where a name filter saves no scan (the engine reads every table's catalog for the keys referring
   * to one, or for the columns named so): the same rows for the whole schema, read once and filtered
   * in the app. `foreignKeys`: every key of the schema; `idColumns`: columnsNamed's rows of every
   * column named `*_id`.
   */
  wholeScans?: { foreignKeys: BuiltTableQuery; idColumns: BuiltTableQuery }
}
