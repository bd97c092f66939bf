import type { EngineId, MssqlEncrypt, SslMode } from './model'

/** How an engine is reached: a server over the network, or a file on this machine. */
export type EngineTarget = 'server' | 'file'

/** What the connection dialog, the URL parser and main need to know about an engine, as data. */
export interface EngineDescriptor {
  engine: EngineId
  label: string
  target: EngineTarget
  /** The port a profile without one connects to (server engines only). */
  defaultPort: number | null
  /** URL schemes meaning this engine; the first is the one a formatted URL uses. */
  urlSchemes: readonly string[]
  /**
   * How its URLs spell TLS and timeout parameters: libpq's `sslmode=`, MySQL's `ssl-mode=`,
   * SQL Server's `encrypt=`, MongoDB's `tls=`.
   */
  urlStyle: 'libpq' | 'mysql' | 'mssql' | 'mongodb' | null
  /** What its editor takes: SQL, or MongoDB shell commands (no SQL dialect, no SELECT for a table's data). */
  queryLanguage: 'sql' | 'mongodb-shell'
  /** Connection fields only this engine has: MongoDB's auth database (authSource) and SRV host names. */
  extraFields?: readonly ('authDatabase' | 'srv')[]
  /** File engines: what the File field takes, shown as its placeholder and under it. */
  fileHint?: { placeholder: string; note?: string }
  /** How its object tree differs: databases hold tables directly; tables open onto their indexes. */
  tree?: { noSchemaLevel?: boolean; indexesUnderTables?: boolean }
}

/**
 * Engines a connection can be saved for, in the dialog's order. A new engine is one entry here
 * (plus its driver in main's registry); nothing else names engines.
 */
export const CONNECTABLE_ENGINES = [
  {
    engine: 'postgres',
    label: 'PostgreSQL',
    target: 'server',
    defaultPort: 5432,
    urlSchemes: ['postgres', 'postgresql'],
    urlStyle: 'libpq',
    queryLanguage: 'sql',
  },
  {
    engine: 'mysql',
    label: 'MySQL / MariaDB',
    target: 'server',
    defaultPort: 3306,
    urlSchemes: ['mysql', 'mariadb'],
    urlStyle: 'mysql',
    queryLanguage: 'sql',
  },
  {
    engine: 'mongodb',
    label: 'MongoDB',
    target: 'server',
    defaultPort: 27017,
    urlSchemes: ['mongodb', 'mongodb+srv'],
    urlStyle: 'mongodb',
    queryLanguage: 'mongodb-shell',
    extraFields: ['authDatabase', 'srv'],
    tree: { noSchemaLevel: true, indexesUnderTables: true },
  },
  {
    engine: 'mssql',
    label: 'SQL Server',
    target: 'server',
    defaultPort: 1433,
    urlSchemes: ['sqlserver', 'mssql'],
    urlStyle: 'mssql',
    queryLanguage: 'sql',
  },
  {
    engine: 'sqlite',
    label: 'SQLite',
    target: 'file',
    defaultPort: null,
    urlSchemes: [],
    urlStyle: null,
    queryLanguage: 'sql',
  },
  {
    engine: 'duckdb',
    label: 'DuckDB',
    target: 'file',
    defaultPort: null,
    urlSchemes: [],
    urlStyle: null,
    queryLanguage: 'sql',
    fileHint: {
      placeholder: '/path/to/database.duckdb, :memory:, or a .csv/.parquet/.json file',
      note: 'A CSV, Parquet or JSON file opens in an in-memory database as a view named after the file.',
    },
  },
] as const satisfies readonly EngineDescriptor[]

export type ConnectableEngine = (typeof CONNECTABLE_ENGINES)[number]['engine']

export const CONNECTABLE_ENGINE_IDS = CONNECTABLE_ENGINES.map((d) => d.engine) as [
  ConnectableEngine,
  ...ConnectableEngine[],
]

/** TLS modes in the order the dialog offers them (libpq's names). */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const satisfies SslMode[]

/** SQL Server's encryption settings in the order the dialog offers them. */
export const MSSQL_ENCRYPT_MODES = ['optional', 'mandatory', 'strict'] as const satisfies MssqlEncrypt[]

/** The TLS mode of a profile that names none: what libpq does by default. */
export const DEFAULT_SSL_MODE: SslMode = 'prefer'

/** How long a connect may take when a profile does not say. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const MIN_CONNECT_TIMEOUT_MS = 1_000
export const MAX_CONNECT_TIMEOUT_MS = 300_000

export function engineDescriptor(engine: EngineId): EngineDescriptor | undefined {
  return CONNECTABLE_ENGINES.find((descriptor) => descriptor.engine === engine)
}

/** What an engine's editor takes (SQL unless its descriptor says otherwise). */
export const queryLanguageOf = (engine: EngineId): EngineDescriptor['queryLanguage'] =>
  engineDescriptor(engine)?.queryLanguage ?? 'sql'

export const isConnectableEngine = (engine: string): engine is ConnectableEngine =>
  CONNECTABLE_ENGINE_IDS.includes(engine as ConnectableEngine)
