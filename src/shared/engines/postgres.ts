import type { LexicalRules } from '../dialect/lexical-rules'
import type { EngineDescriptor } from './engine-descriptor'

/** PostgreSQL's own SQL lexis (DuckDB reads the same). */
export const POSTGRES_SQL_LEXICAL = {
  lineComments: ['--'],
  nestedBlockComments: true,
  stringBackslash: 'e-prefix',
  identifierQuotes: [{ open: '"', close: '"', doubled: true }],
  dollarQuotes: true,
  delimiterCommand: false,
  batchSeparator: null,
} as const satisfies LexicalRules

/** PostgreSQL. */
export const POSTGRES = {
  id: 'postgres',
  label: 'PostgreSQL',
  target: 'server',
  defaultPort: 5432,
  urlSchemes: ['postgres', 'postgresql'],
  urlStyle: 'libpq',
  queryLanguage: 'sql',
  tree: {
    icon: { text: 'PG', color: '#336791' },
    objectKinds: ['function', 'procedure', 'sequence', 'trigger'],
  },
  tableActions: { limit: 'limit', empty: 'truncate' },
  lexical: {
    ...POSTGRES_SQL_LEXICAL,
    // How psql reads a script (pg_dump writes for psql): ( ; ) is one statement, COPY … FROM stdin
    // carries its data up to `\.`, SET standard_conforming_strings = off turns on '\'' escapes,
    // and backslash lines are psql's own commands.
    parenthesesHoldDelimiter: true,
    copyInlineData: true,
    backslashSetting: 'standard_conforming_strings',
    // pg_dump's \restrict/\unrestrict only guard psql against a hostile dump; they change nothing.
    clientCommands: { prefix: '\\', ignored: ['restrict', 'unrestrict'] },
  },
  // IMPORT FOREIGN SCHEMA adds tables; TRUNCATE changes the tree's row counts.
  catalogVerbs: ['create', 'alter', 'drop', 'truncate', 'import'],
  identifierQuotes: ['"', '"'],
  literals: { booleans: 'words', bytes: 'decode-hex', backslashes: 'e-string', unicodePrefix: '' },
  // psql: float8 plain from 1e-4 to below 1e15, float4 below 1e6; else 1e+20, 1.6777216e+07, 1e-05.
  floats: {
    singleTypes: ['real'],
    doubleTypes: ['double precision'],
    plain: { double: [-4, 14], single: [-4, 5] },
    exponent: 'e+dd',
    pointZero: 'none',
  },
  editor: {
    highlight: 'PostgreSQL',
    formatter: 'postgresql',
    words: {
      keywords: 'ILIKE RETURNING LATERAL MATERIALIZED SCHEMA EXPLAIN ANALYZE VACUUM FILTER WINDOW SIMILAR'.split(' '),
      functions: (
        'now date_trunc to_char to_date extract string_agg array_agg jsonb_build_object json_agg jsonb_agg ' +
        'generate_series row_number rank dense_rank lag lead unnest concat split_part regexp_replace ' +
        'current_date current_timestamp age greatest least pg_sleep'
      ).split(' '),
    },
    defaultSchema: 'public',
    defaultDatabase: 'postgres',
  },
  capabilities: {
    erDiagram: true,
    // The protocol's CancelRequest stops the statement in the server; the session survives.
    serverSideCancel: true,
    multipleDatabases: true,
    schemas: true,
    // pg_class.reltuples, maintained by VACUUM and ANALYZE.
    estimatedRowCounts: true,
    explain: true,
    explainAnalyze: true,
    serverJudgesWrites: true,
    // RowDescription's table OID and attribute number, named through pg_class/pg_attribute.
    resultColumnOrigins: true,
  },
  import: {
    placeholder: 'dollar',
    maxParams: 65535,
    savepoints: true,
    bulk: 'copy',
    direct: { loader: 'COPY', nullMarkers: 'any' },
    transactionalDdl: true,
    booleans: ['true', 'false'],
    zoneOffsets: true,
    types: {
      boolean: 'boolean',
      smallint: 'smallint',
      integer: 'integer',
      bigint: 'bigint',
      decimal: 'numeric({p},{s})',
      maxPrecision: 1000,
      wideDecimal: 'numeric',
      double: 'double precision',
      date: 'date',
      timestamp: 'timestamp',
      timestamptz: 'timestamptz',
      varchar: 'text',
      maxVarchar: Number.MAX_SAFE_INTEGER,
      text: 'text',
    },
  },
  transactions: { begin: 'BEGIN', commit: 'COMMIT', rollback: 'ROLLBACK' },
} as const satisfies EngineDescriptor
