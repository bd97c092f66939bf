import type { EngineDescriptor } from './engine-descriptor'

/** SQLite: a file on this machine (the embedded sample database is one). */
export const SQLITE = {
  id: 'sqlite',
  label: 'SQLite',
  target: 'file',
  defaultPort: null,
  urlSchemes: [],
  urlStyle: null,
  queryLanguage: 'sql',
  tree: {
    icon: { text: 'SL', color: '#0f6aa8' },
    // Triggers only: no stored routines, no sequences.
    objectKinds: ['trigger'],
  },
  tableActions: { limit: 'limit', empty: 'delete' },
  files: {
    pickerFilters: [{ name: 'SQLite databases', extensions: ['sqlite', 'sqlite3', 'db', 'db3'] }],
    opensOnDrop: ['sqlite', 'sqlite3', 'db', 'db3'],
  },
  lexical: {
    lineComments: ['--'],
    nestedBlockComments: false,
    stringBackslash: 'never',
    identifierQuotes: [
      { open: '"', close: '"', doubled: true },
      { open: '`', close: '`', doubled: true },
      // [name] is there for SQL Server compatibility: no escape inside.
      { open: '[', close: ']', doubled: false },
    ],
    dollarQuotes: false,
    delimiterCommand: false,
    batchSeparator: null,
  },
  // ATTACH and DETACH add and remove schemas.
  catalogVerbs: ['create', 'alter', 'drop', 'attach', 'detach'],
  identifierQuotes: ['"', '"'],
  literals: { booleans: 'words', bytes: 'x-quoted', backslashes: 'plain', unicodePrefix: '' },
  // sqlite3 (%!.15g, with the shortest digits): 100.0, 1.0e+20, 1.0e-05. REAL is 8 bytes.
  floats: {
    singleTypes: [],
    doubleTypes: ['real', 'double', 'float'],
    plain: { double: [-4, 14], single: [-4, 14] },
    exponent: 'e+dd',
    pointZero: 'both',
  },
  editor: {
    highlight: 'SQLite',
    formatter: 'sqlite',
    words: {
      keywords: 'PRAGMA ATTACH GLOB REPLACE IGNORE WITHOUT ROWID AUTOINCREMENT VACUUM'.split(' '),
      functions: (
        'date time datetime julianday strftime ifnull group_concat printf instr typeof random total ' +
        'json_extract json_object json_group_array row_number rank lag lead iif'
      ).split(' '),
    },
    defaultSchema: 'main',
  },
  capabilities: {
    erDiagram: true,
    // Cancel stops the statement in the host process, killing it if it is stuck in a step.
    serverSideCancel: true,
    multipleDatabases: false,
    // main, temp and attached databases are SQLite's schemas.
    schemas: true,
    // Counts are exact unless sqlite_stat1 has the table; each TableInfo says which.
    estimatedRowCounts: false,
    explain: true,
    explainAnalyze: false,
    serverJudgesWrites: true,
    // sqlite3_column_table_name/_origin_name/_database_name (SQLITE_ENABLE_COLUMN_METADATA).
    resultColumnOrigins: true,
  },
  import: {
    placeholder: 'question',
    maxParams: 32766,
    savepoints: true,
    bulk: 'prepared',
    direct: { loader: "SQLite's engine process", nullMarkers: 'any', converts: true },
    transactionalDdl: true,
    booleans: ['1', '0'],
    zoneOffsets: true,
    types: {
      boolean: 'BOOLEAN',
      smallint: 'INTEGER',
      integer: 'INTEGER',
      bigint: 'INTEGER',
      // NUMERIC affinity keeps up to 15 digits exactly (as REAL); wider decimals stay TEXT.
      decimal: 'NUMERIC({p},{s})',
      maxPrecision: 15,
      wideDecimal: 'TEXT',
      double: 'REAL',
      date: 'DATE',
      timestamp: 'DATETIME',
      timestamptz: 'DATETIME',
      varchar: 'TEXT',
      maxVarchar: Number.MAX_SAFE_INTEGER,
      text: 'TEXT',
    },
  },
  transactions: { begin: 'BEGIN', commit: 'COMMIT', rollback: 'ROLLBACK' },
} as const satisfies EngineDescriptor
