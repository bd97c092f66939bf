import type { EngineDescriptor } from './engine-descriptor'
import { POSTGRES_SQL_LEXICAL } from './postgres'

/** DuckDB: an embedded analytical database file, `:memory:`, or a CSV/Parquet/JSON file opened as a view. */
export const DUCKDB = {
  id: 'duckdb',
  label: 'DuckDB',
  target: 'file',
  defaultPort: null,
  urlSchemes: [],
  urlStyle: null,
  queryLanguage: 'sql',
  tree: {
    icon: { text: 'DK', color: '#7a6400' },
    // Macros (CREATE MACRO) are its user functions; sequences; no procedures and no triggers.
    objectKinds: ['function', 'sequence'],
  },
  tableActions: { limit: 'limit', empty: 'truncate' },
  fileHint: {
    placeholder: '/path/to/database.duckdb, :memory:, or a .csv/.parquet/.json file',
    note: 'A CSV, Parquet or JSON file opens in an in-memory database as a view named after the file.',
  },
  files: {
    pickerFilters: [
      { name: 'Data files', extensions: ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'jsonl'] },
      { name: 'DuckDB databases', extensions: ['duckdb', 'db'] },
    ],
    // .db is SQLite's on a drop (the older and commoner meaning); the picker still offers it here.
    opensOnDrop: ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'jsonl', 'duckdb'],
  },
  // PostgreSQL's lexical rules: dollar quotes, E'' strings, "identifiers".
  lexical: POSTGRES_SQL_LEXICAL,
  // ATTACH/DETACH add and remove databases; IMPORT DATABASE creates tables.
  catalogVerbs: ['create', 'alter', 'drop', 'truncate', 'attach', 'detach', 'import'],
  identifierQuotes: ['"', '"'],
  literals: { booleans: 'words', bytes: 'x-quoted', backslashes: 'plain', unicodePrefix: '' },
  // DuckDB's own text (a cast to VARCHAR, as its CLI prints): 100.0, 1000000000000000.0, 1e+16, 1e-05.
  floats: {
    singleTypes: ['float', 'real', 'float4'],
    doubleTypes: ['double', 'float8'],
    plain: { double: [-4, 15], single: [-4, 15] },
    exponent: 'e+dd',
    pointZero: 'plain',
  },
  editor: {
    highlight: 'PostgreSQL',
    formatter: 'postgresql',
    words: {
      keywords: 'ATTACH DETACH PIVOT UNPIVOT QUALIFY SUMMARIZE DESCRIBE COPY EXPLAIN ANALYZE EXCLUDE REPLACE'.split(
        ' ',
      ),
      functions: (
        'read_csv_auto read_parquet read_json_auto list struct_pack map unnest string_agg list_agg ' +
        'date_trunc strftime epoch now regexp_matches row_number rank lag lead greatest least'
      ).split(' '),
    },
    defaultSchema: 'main',
  },
  capabilities: {
    erDiagram: true,
    // DuckDB's interrupt stops the statement in the engine (a watchdog ends a host that does not stop).
    serverSideCancel: true,
    // The opened database and every ATTACHed one.
    multipleDatabases: true,
    schemas: true,
    // duckdb_tables().estimated_size: exact once checkpointed, not while changes are pending.
    estimatedRowCounts: true,
    explain: true,
    explainAnalyze: true,
    serverJudgesWrites: false,
    // Its client API reports names and types of result columns, not the tables they come from.
    resultColumnOrigins: false,
  },
  import: {
    placeholder: 'question',
    maxParams: 65535,
    // A failed statement aborts DuckDB's transaction: "skip and report" rejects what the analysis catches.
    savepoints: false,
    bulk: 'read-csv',
    direct: { loader: 'read_csv', nullMarkers: 'any' },
    transactionalDdl: true,
    booleans: ['true', 'false'],
    zoneOffsets: true,
    types: {
      boolean: 'BOOLEAN',
      smallint: 'SMALLINT',
      integer: 'INTEGER',
      bigint: 'BIGINT',
      decimal: 'DECIMAL({p},{s})',
      maxPrecision: 38,
      wideDecimal: 'VARCHAR',
      double: 'DOUBLE',
      date: 'DATE',
      timestamp: 'TIMESTAMP',
      timestamptz: 'TIMESTAMPTZ',
      varchar: 'VARCHAR',
      maxVarchar: Number.MAX_SAFE_INTEGER,
      text: 'VARCHAR',
    },
  },
  transactions: { begin: 'BEGIN TRANSACTION', commit: 'COMMIT', rollback: 'ROLLBACK' },
} as const satisfies EngineDescriptor
