import type { EngineDescriptor } from './engine-descriptor'

/** Microsoft SQL Server (T-SQL over TDS). */
export const MSSQL = {
  id: 'mssql',
  label: 'SQL Server',
  target: 'server',
  defaultPort: 1433,
  urlSchemes: ['sqlserver', 'mssql'],
  urlStyle: 'encrypt',
  queryLanguage: 'sql',
  tree: {
    icon: { text: 'MS', color: '#a91d22' },
    objectKinds: ['function', 'procedure', 'sequence', 'trigger'],
  },
  tableActions: { limit: 'top', empty: 'truncate' },
  extraFields: ['instance', 'encrypt'],
  settingsBlock: 'mssql',
  lexical: {
    lineComments: ['--'],
    nestedBlockComments: true,
    stringBackslash: 'never',
    identifierQuotes: [
      { open: '"', close: '"', doubled: true },
      { open: '[', close: ']', doubled: true },
    ],
    dollarQuotes: false,
    delimiterCommand: false,
    batchSeparator: 'go',
  },
  // A batch runs several statements: any of these words at its top level counts (EXEC sp_rename too).
  catalogVerbs: ['create', 'alter', 'drop', 'truncate', 'sp_rename'],
  identifierQuotes: ['[', ']'],
  literals: { booleans: 'bits', bytes: 'hex', backslashes: 'plain', unicodePrefix: 'N' },
  // SSMS (.NET's shortest text; not checked against a server here): 100, 1E+15, 1E-05.
  floats: {
    singleTypes: ['real'],
    doubleTypes: ['float'],
    plain: { double: [-5, 14], single: [-5, 14] },
    exponent: 'E+dd',
    pointZero: 'none',
  },
  editor: {
    highlight: 'MSSQL',
    formatter: 'transactsql',
    words: {
      keywords: 'TOP GO EXEC DECLARE NVARCHAR IDENTITY OUTPUT MERGE'.split(' '),
      functions: 'getdate isnull len datepart datediff dateadd convert string_agg row_number rank newid'.split(' '),
    },
    defaultSchema: 'dbo',
  },
  capabilities: {
    erDiagram: true,
    // TDS attention (request.cancel()) stops the batch in the server; the session survives.
    serverSideCancel: true,
    multipleDatabases: true,
    schemas: true,
    // sys.partitions.rows.
    estimatedRowCounts: true,
    explain: false,
    explainAnalyze: false,
    serverJudgesWrites: false,
    // Not read yet (the TDS browse metadata would tell): results are edited through the Data view.
    resultColumnOrigins: false,
  },
  import: {
    placeholder: 'at-p',
    maxParams: 2100,
    // SAVE TRANSACTION is spelled apart; until the import speaks it, failed rows stop a skip run's batch.
    savepoints: false,
    bulk: 'insert',
    transactionalDdl: true,
    booleans: ['1', '0'],
    zoneOffsets: true,
    types: {
      boolean: 'bit',
      smallint: 'smallint',
      integer: 'int',
      bigint: 'bigint',
      decimal: 'decimal({p},{s})',
      maxPrecision: 38,
      wideDecimal: 'nvarchar(max)',
      double: 'float',
      date: 'date',
      timestamp: 'datetime2',
      timestamptz: 'datetimeoffset',
      varchar: 'nvarchar({n})',
      maxVarchar: 4000,
      text: 'nvarchar(max)',
    },
  },
  transactions: { begin: 'BEGIN TRANSACTION', commit: 'COMMIT TRANSACTION', rollback: 'ROLLBACK TRANSACTION' },
} as const satisfies EngineDescriptor
