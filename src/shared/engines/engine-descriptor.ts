import type { LexicalRules } from '../dialect/lexical-rules'
import type { FloatTextStyle } from '../formats/float-text'

/** How an engine is reached: a server over the network, or a file on this machine. */
export type EngineTarget = 'server' | 'file'

/**
 * How an engine's URLs spell TLS and timeout parameters: libpq's `sslmode=`, `ssl-mode=` (MySQL),
 * `encrypt=` (SQL Server, also JDBC `;key=value` forms and `host\instance`), `tls=` (MongoDB).
 */
export type UrlStyle = 'libpq' | 'ssl-mode' | 'encrypt' | 'tls'

/** What an engine can do, read by the UI and the services (never checked by engine name). */
export interface EngineCapabilities {
  /** Cancel stops the statement in the engine, not just the client. */
  serverSideCancel: boolean
  /** The engine has several databases per connection. */
  multipleDatabases: boolean
  /** The engine has schemas inside a database. */
  schemas: boolean
  /** Row counts in the tree are estimates from statistics. */
  estimatedRowCounts: boolean
  /** The driver explains statements (Explain button). */
  explain: boolean
  /** Explain can also run the statement to measure it (ANALYZE); 'mariadb': only on MariaDB servers. */
  explainAnalyze: boolean | 'mariadb'
  /**
   * Its driver honours `readOnlyGuard`: the server runs statements read-only and refuses writes, so
   * safe mode asks only about what it refused (and read-only connections cannot be lifted from SQL).
   * False: safe mode falls back to the lexer's hints.
   */
  serverJudgesWrites: boolean
  /**
   * Query results name the table column each result column is read from (ResultColumn.origin),
   * so a result of one table's columns, its key included, can be edited like its Data view.
   */
  resultColumnOrigins: boolean
  /** The driver reads a whole schema's tables and keys at once (meta.schemaGraph): the ER diagram. */
  erDiagram?: boolean
}

/** How values are written as SQL literals (copy as SQL, INSERT statements). */
export interface LiteralStyle {
  /** TRUE/FALSE, or 1/0 where the engine has no boolean literal. */
  booleans: 'words' | 'bits'
  /** Binary values: `X'ff'`, `decode('ff', 'hex')` (right whatever the string settings), or `0xff`. */
  bytes: 'x-quoted' | 'decode-hex' | 'hex'
  /**
   * How a string holding a backslash is written so that it reads the same whatever the session's
   * settings (standard_conforming_strings, NO_BACKSLASH_ESCAPES): as is, as an E'…' string with
   * its backslashes doubled, or as UTF-8 hex (`_utf8mb4 X'…'`).
   */
  backslashes: 'plain' | 'e-string' | 'utf8-hex'
  /** Prefix of a Unicode string literal (`N'…'`), else ''. */
  unicodePrefix: string
}

/** What the editor needs: highlighting, formatting, completion words, unqualified names. */
export interface EditorFacts {
  /** The @codemirror/lang-sql dialect that highlights it. */
  highlight: 'SQLite' | 'PostgreSQL' | 'MySQL' | 'MSSQL' | 'StandardSQL'
  /** sql-formatter's language name; null: no formatting. */
  formatter: 'sqlite' | 'postgresql' | 'mysql' | 'transactsql' | null
  /** Keywords and functions completion offers on top of the common SQL ones (null: no SQL words). */
  words: { keywords: readonly string[]; functions: readonly string[] } | null
  /** The schema unqualified names resolve to when the connection names none. */
  defaultSchema: string | null
  /** Unqualified names resolve in the connection's database (MySQL's schemas are its databases). */
  databaseIsSchema?: boolean
  /** The database completion uses when the connection names none, if the server has it. */
  defaultDatabase?: string
}

/** One entry of a file picker's type list: a name and the extensions it shows (lower case, no dot). */
export interface FileFilter {
  name: string
  extensions: readonly string[]
}

/** File engines: which files the picker offers, and which dropped files open with this engine. */
export interface EngineFiles {
  /** The picker's type filters, in order (main adds "All files" after them). */
  pickerFilters: readonly FileFilter[]
  /**
   * Extensions (lower case, no dot) of files that open with this engine when dropped on the window.
   * No two engines claim the same one (an architecture test checks it).
   */
  opensOnDrop: readonly string[]
}

/** The name of a profile's engine-own settings block (a field of ConnectionProfile). */
export type SettingsBlock = NonNullable<EngineDescriptor['settingsBlock']>

/** Every fact about an engine that code outside its driver needs, as data. */
export interface EngineDescriptor {
  id: string
  label: string
  target: EngineTarget
  /** The port a profile without one connects to (server engines only). */
  defaultPort: number | null
  /** URL schemes meaning this engine; the first is the one a formatted URL uses. */
  urlSchemes: readonly string[]
  urlStyle: UrlStyle | null
  /** What its editor takes: SQL, or MongoDB shell commands (no SQL dialect, no SELECT for a table's data). */
  queryLanguage: 'sql' | 'mongodb-shell'
  /**
   * Connection fields only this engine has: MongoDB's auth database (authSource) and SRV host
   * names; SQL Server's named instance and its encrypt settings (in place of the TLS mode).
   */
  extraFields?: readonly ('authDatabase' | 'srv' | 'instance' | 'encrypt')[]
  /** File engines: what the File field takes, shown as its placeholder and under it. */
  fileHint?: { placeholder: string; note?: string }
  /** File engines: the file picker's filters and the files a drop on the window opens. */
  files?: EngineFiles
  /** The profile's settings block only this engine reads (SQL Server: instance, encrypt…). */
  settingsBlock?: 'mssql'
  /** How the object tree shows it: its icon, and the levels it leaves out. */
  tree: TreeFacts
  /** How the tree's table actions are spelled (Select first 1,000, Truncate); absent: no SQL actions. */
  tableActions?: TableActionSql
  /** How its SQL is lexed (splitting, statement at cursor, safety hints, completion); null: not SQL. */
  lexical: LexicalRules | null
  /**
   * Leading words of the statements that change what the tree shows (CREATE, DROP…): after a run
   * of one, the connection's loaded tree levels refresh themselves. Lower case; [] for none.
   */
  catalogVerbs: readonly string[]
  /** Opening and closing identifier quote; empty: names are not quoted (not SQL). */
  identifierQuotes: readonly [string, string]
  literals: LiteralStyle
  /** How its own client prints floats; a result's float cells show the same text. */
  floats: FloatTextStyle
  editor: EditorFacts
  capabilities: EngineCapabilities
  /**
   * How an editor tab's session opens and ends a transaction (manual-commit mode, the Commit and
   * Rollback buttons); null: the engine has no transactions a tab can hold.
   */
  transactions: TransactionStatements | null
  /** How imported rows are written and which column types an import proposes; absent: no import. */
  import?: ImportFacts
}

/** An engine's place in the object tree. */
export interface TreeFacts {
  /** Its icon: a short monogram, drawn in its colour. */
  icon: { text: string; color: string }
  /** Databases hold tables directly (no schema level). */
  noSchemaLevel?: boolean
  /** The server is its one database: the tree shows that database's schemas under the connection. */
  hideDatabaseLevel?: boolean
  /**
   * The kinds of schema object besides tables and views it has, in the tree's order: the groups
   * the tree can show and the catalog lists ([]: none; the objects statement is then never run).
   */
  objectKinds: readonly CatalogObjectKind[]
}

/** Kinds of schema object the tree lists besides tables and views. */
export type CatalogObjectKind = 'function' | 'procedure' | 'sequence' | 'trigger'

/** How an engine spells the tree's table statements. */
export interface TableActionSql {
  /** `SELECT … LIMIT n`, or `SELECT TOP (n) …`. */
  limit: 'limit' | 'top'
  /** TRUNCATE TABLE, or DELETE FROM where the engine has no TRUNCATE. */
  empty: 'truncate' | 'delete'
}

/** The statements that open, commit and roll back a transaction. */
export interface TransactionStatements {
  begin: string
  commit: string
  rollback: string
}

/**
 * What an import needs to know about an engine: how its statements spell placeholders, how many
 * one statement may bind, and the column type proposed for each kind of value an analysis infers.
 * Templates: `{p}`/`{s}` precision and scale, `{n}` a maximum length.
 */
export interface ImportFacts {
  placeholder: 'dollar' | 'question' | 'at-p'
  /** Most bound values one statement may carry. */
  maxParams: number
  /** Whether a failed row can be undone alone (SAVEPOINT): "skip and report" keeps the rest. */
  savepoints: boolean
  /**
   * How rows are written: through the driver's bulk writer (`copy`: COPY FROM STDIN in text
   * format; `load-data`: LOAD DATA LOCAL of each batch streamed from memory, where the server
   * allows local files, else multi-row INSERTs; `prepared`: one prepared INSERT run per row inside
   * the engine's host; `read-csv`: each batch written to a temporary CSV file that the engine's
   * host loads with one INSERT … SELECT from read_csv; rows sent in batches), or `insert`:
   * multi-row INSERTs with bound values, sent as statements.
   */
  bulk: 'copy' | 'load-data' | 'prepared' | 'read-csv' | 'insert'
  /**
   * Where the engine's loader reads a delimited file itself (the driver's `loadFile`): its name as
   * shown, the NULL markers it can be told (`any` string), and whether it converts each record
   * with the import's own code (then any analysed delimited file qualifies). Absent: no direct load.
   */
  direct?: { loader: string; nullMarkers: 'any' | readonly string[]; converts?: boolean }
  /** Whether CREATE TABLE joins the transaction; false: it commits at once, so a dry run drops it after. */
  transactionalDdl: boolean
  /** The text bound for true and false. */
  booleans: readonly [string, string]
  /** Whether timestamps keep their offset; false: values are converted to UTC. */
  zoneOffsets: boolean
  types: {
    boolean: string
    smallint: string
    integer: string
    bigint: string
    /** Exact decimals up to `maxPrecision` digits; wider ones use `wideDecimal`. */
    decimal: string
    maxPrecision: number
    wideDecimal: string
    double: string
    date: string
    timestamp: string
    timestamptz: string
    /** Text up to `maxVarchar` characters; longer (or unbounded) uses `text`. */
    varchar: string
    maxVarchar: number
    text: string
  }
}
