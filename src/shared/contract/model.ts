import type { ConnectionColor } from './connection-colors'
import type { CatalogObjectKind, EngineCapabilities } from '../engines/engine-descriptor'
import type { EngineId } from '../engines/engine-list'

export type { EngineId } from '../engines/engine-list'

/** TLS requirement, as libpq names it. */
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'

/** SQL Server's encryption setting, as SSMS names it: Optional (login only), Mandatory, Strict (TDS 8). */
export type MssqlEncrypt = 'optional' | 'mandatory' | 'strict'

/** SQL Server's own connection settings. */
export interface MssqlSettings {
  /** A named instance (`host\instance`), found through SQL Server Browser when no port is given. */
  instance?: string
  /** Absent: mandatory. */
  encrypt?: MssqlEncrypt
  /** Accept the server's certificate without checking it (self-signed development servers). */
  trustServerCertificate?: boolean
}

/** A saved (or built-in) connection as the renderer sees it: never any secret. */
export interface ConnectionSummary {
  id: string
  name: string
  engine: EngineId
  /** Human description of where it points (a file path, host:port). */
  detail: string
  readOnly: boolean
  /** Asks before statements that change or drop data wholesale (and main refuses them unconfirmed). */
  safeMode: boolean
  /** Its query tabs start in manual-commit mode (a run opens a transaction that stays until Commit). */
  manualCommit?: boolean
  /** Reached through an SSH tunnel. */
  viaSsh?: boolean
  /** Shipped with the app (the sample database): it cannot be edited or deleted. */
  builtIn?: boolean
  /** The database its profile names, if any (where a query tab runs unless told otherwise). */
  database?: string
  /** Its colour in the tree and on its tabs (absent: derived from its id, see connectionColor). */
  color?: ConnectionColor
}

/** A connection's settings as saved and edited: everything but its password. */
export interface ConnectionProfile {
  name: string
  engine: EngineId
  host?: string
  /** Absent: the engine's default port. */
  port?: number
  user?: string
  database?: string
  /** File engines (SQLite): path of the database file. */
  file?: string
  ssl?: { mode: SslMode; caFile?: string }
  connectTimeoutMs?: number
  readOnly?: boolean
  /** SQL Server only: instance name and encryption. */
  mssql?: MssqlSettings
  /** MongoDB: the database the user is defined in (authSource). */
  authDatabase?: string
  /** MongoDB: the host is an SRV name (mongodb+srv://). */
  srv?: boolean
  safeMode?: boolean
  /** Query tabs start in manual-commit mode. */
  manualCommit?: boolean
  /** The colour its tabs and tree row wear; absent: one derived from its id. */
  color?: ConnectionColor
  /** Reach the server through an SSH tunnel (server engines). */
  ssh?: SshTunnelProfile
}

/** How an SSH tunnel authenticates: a password, a private key file (with its passphrase), or the agent. */
export type SshAuth = 'password' | 'key' | 'agent'

/** An SSH tunnel's settings; its password or key passphrase is a secret kept by main. */
export interface SshTunnelProfile {
  host: string
  /** Absent: 22. */
  port?: number
  user: string
  auth: SshAuth
  /** Private key file (auth 'key'). */
  keyFile?: string
  /** The server's host key, `SHA256:<base64>` as OpenSSH prints it: recorded on first use, then verified. */
  hostKey?: string
}

/** A saved connection as the renderer may see it: the password only as a flag, never its text. */
export interface SavedConnection {
  id: string
  profile: ConnectionProfile
  hasPassword: boolean
  /** An SSH password or key passphrase is saved (only the flag crosses). */
  hasSshSecret: boolean
}

/** A successful connection test: the server answered with its version. */
export interface ConnectionTestResult {
  engine: EngineId
  serverVersion: string
  driverName: string
  elapsedMs: number
  /** Through an SSH tunnel: the host key the SSH server presented (to record and show). */
  sshHostKey?: string
}

/** A state file that could not be used at start-up: kept aside (or left alone), never silently replaced. */
export interface StateFileProblem {
  /** File name inside the data directory. */
  file: string
  /** damaged: not JSON; foreign: JSON of another shape or version; unreadable: could not be read. */
  kind: 'damaged' | 'foreign' | 'unreadable'
  message: string
  /** Where the file was moved, when it was. */
  keptAs?: string
}

/** Where secrets are kept: encrypted by the OS keychain, in a file only the user can read, or in memory. */
export type SecretStorageKind = 'os-keychain' | 'private-file' | 'memory'

/** Where saved connections live, and what went wrong reading them (shown once in the UI). */
export interface ConnectionStoreStatus {
  /** The data directory, or null when connections are kept in memory only. */
  dataDir: string | null
  problems: StateFileProblem[]
  secrets: { kind: SecretStorageKind; detail: string }
}

/** What an import did: every entry is imported (maybe renamed) or rejected with its reason. */
export interface ConnectionImportReport {
  /** False when the user closed the file dialog. */
  chosen: boolean
  imported: { id: string; name: string; renamedFrom?: string }[]
  rejected: { index: number; name?: string; reason: string }[]
}

/** An export: the file's text (browser mode), or where the desktop app wrote it (null: dialog cancelled). */
export type ConnectionExport =
  { kind: 'text'; text: string; count: number } | { kind: 'file'; path: string | null; count: number }

export interface ServerInfo {
  engine: EngineId
  driverName: string
  driverVersion: string
  serverVersion: string
  capabilities: EngineCapabilities
}

export interface DatabaseInfo {
  name: string
  sizeBytes: number | null
}

export interface SchemaInfo {
  name: string
  isSystem: boolean
}

export type TableKind = 'table' | 'view' | 'materialized-view' | 'partitioned-table' | 'virtual-table'

export interface TableInfo {
  schema: string
  name: string
  kind: TableKind
  /** null when unknown (views, or no statistics). */
  rowCount: number | null
  rowCountExact: boolean
}

export type { CatalogObjectKind } from '../engines/engine-descriptor'

/** A routine, sequence or trigger of a schema. */
export interface CatalogObject {
  kind: CatalogObjectKind
  schema: string
  name: string
  /** What to show beside it: a routine's arguments, a trigger's table and timing; null: nothing. */
  detail: string | null
}

export interface ColumnInfo {
  name: string
  /** Declared type as the engine prints it, with length/precision. */
  dataType: string
  nullable: boolean
  /**
   * Default expression as written in the DDL; null when the column has none. An explicit DEFAULT
   * NULL is none too (NULL is what a column without a default gets; PostgreSQL stores no default
   * for it and MariaDB reports both alike), on every engine.
   */
  defaultValue: string | null
  /** MySQL/MariaDB `ON UPDATE …`: the value the column takes on every update of its row; else absent. */
  onUpdate?: string
  /** 1-based position in the primary key, or null. */
  primaryKeyPosition: number | null
  unique: boolean
  autoIncrement: boolean
  comment: string | null
}

export interface IndexInfo {
  name: string
  /** Column names, or the expression text for expression parts. */
  columns: string[]
  unique: boolean
  primary: boolean
  /** WHERE clause of a partial index, if any. */
  predicate: string | null
  /**
   * How the index is built, in the engine's words: btree, hash, gin, gist, brin, spgist
   * (PostgreSQL), BTREE, HASH, FULLTEXT, SPATIAL (MySQL), ART (DuckDB), CLUSTERED… (SQL Server),
   * text, 2dsphere, hashed (MongoDB); null where the engine has one kind only (SQLite's B-trees).
   */
  method: string | null
  /** Some key part is an expression, not a column. */
  expressions: boolean
}

/** A CHECK constraint. */
export interface CheckInfo {
  /** null where the engine keeps no name (SQLite's unnamed checks). */
  name: string | null
  /** The condition as the engine prints it, in its parentheses: `CHECK` followed by this is the clause. */
  expression: string
}

export interface ForeignKeyInfo {
  name: string | null
  columns: string[]
  referencedSchema: string
  referencedTable: string
  referencedColumns: string[]
  onUpdate: string
  onDelete: string
}

export interface TableSchema {
  schema: string
  name: string
  kind: TableKind
  columns: ColumnInfo[]
  primaryKey: string[]
  indexes: IndexInfo[]
  foreignKeys: ForeignKeyInfo[]
  checks: CheckInfo[]
  /** The DDL or view definition, when the engine keeps it. */
  definition: string | null
  /** Document engines: the shape inferred from a sample of documents, and the validator if any. */
  documentSchema?: DocumentSchema
}

/** A field path seen in sampled documents (`a.b` for nested ones), with the BSON types seen there. */
export interface InferredField {
  path: string
  /** Sampled documents that have this path. */
  count: number
  /** BSON type names (as $type spells them) and in how many sampled documents each was seen here. */
  types: { type: string; count: number }[]
}

/** A collection's inferred schema: how many documents were sampled, the fields seen, the validator. */
export interface DocumentSchema {
  sampleSize: number
  fields: InferredField[]
  /** The collection's validator as shell text, or null when it has none. */
  validator: string | null
}

/** Where a result column's values come from: a column of a table, as the engine reports it. */
export interface ColumnOrigin {
  /** The table's schema (SQLite: the database name, main/temp/attached); null where the engine has none. */
  schema: string | null
  table: string
  column: string
}

/** A column of a query result. */
export interface ResultColumn {
  name: string
  /** Declared or engine-reported type; null when the engine cannot tell. */
  type: string | null
  /**
   * The table column the values are read from, where the engine reports it (descriptor
   * `capabilities.resultColumnOrigins`); absent for expressions, and where the engine cannot tell.
   */
  origin?: ColumnOrigin
}

export interface AppInfo {
  name: string
  version: string
  host: 'electron' | 'browser'
}
