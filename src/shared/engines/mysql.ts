import type { EngineDescriptor } from './engine-descriptor'

/** MySQL and MariaDB (one driver; the server's flavour is read from its version). */
export const MYSQL = {
  id: 'mysql',
  label: 'MySQL / MariaDB',
  target: 'server',
  defaultPort: 3306,
  urlSchemes: ['mysql', 'mariadb'],
  urlStyle: 'ssl-mode',
  queryLanguage: 'sql',
  tree: {
    icon: { text: 'My', color: '#00708a' },
    hideDatabaseLevel: true,
    // Sequences are MariaDB's (10.3+); MySQL lists none.
    objectKinds: ['function', 'procedure', 'sequence', 'trigger'],
  },
  tableActions: { limit: 'limit', empty: 'truncate' },
  lexical: {
    lineComments: ['--', '#'],
    nestedBlockComments: false,
    stringBackslash: 'always',
    identifierQuotes: [
      // Without ANSI_QUOTES, "…" is a string (with backslash escapes).
      { open: '"', close: '"', doubled: true, backslash: true },
      { open: '`', close: '`', doubled: true },
    ],
    dollarQuotes: false,
    delimiterCommand: true,
    batchSeparator: null,
    // mysqldump's /*!40101 SET … */; lines are statements the server runs.
    executableComments: true,
    dashCommentNeedsSpace: true,
    // The mysql client's `\G` (vertical output) and `\g` end a statement like the delimiter.
    clientTerminators: ['\\G', '\\g'],
  },
  // RENAME TABLE moves tables; TRUNCATE changes the tree's row counts.
  catalogVerbs: ['create', 'alter', 'drop', 'rename', 'truncate'],
  identifierQuotes: ['`', '`'],
  // MySQL reads a backslash in a string as an escape unless NO_BACKSLASH_ESCAPES is set.
  literals: { booleans: 'words', bytes: 'x-quoted', backslashes: 'utf8-hex', unicodePrefix: '' },
  // The mariadb/mysql client prints the server's text: 1e20, 1e-16, 0.000000000000001, and a number
  // with a fraction plain however large (1234567890123456.8). FLOAT arrives rounded to 6 digits.
  floats: {
    singleTypes: ['float'],
    doubleTypes: ['double', 'real'],
    plain: { double: [-15, 14], single: [-15, 14] },
    plainWithFraction: true,
    exponent: 'e',
    pointZero: 'none',
  },
  editor: {
    highlight: 'MySQL',
    formatter: 'mysql',
    words: {
      keywords: 'REPLACE IGNORE DUPLICATE AUTO_INCREMENT ENGINE SHOW DATABASES TABLES STRAIGHT_JOIN REGEXP'.split(' '),
      functions: (
        'now curdate date_format str_to_date datediff concat concat_ws group_concat ifnull if json_extract ' +
        'json_object json_arrayagg row_number rank lag lead greatest least sleep unix_timestamp from_unixtime'
      ).split(' '),
    },
    // MySQL's default schema is the connection's database (read from the tree when known).
    defaultSchema: null,
    databaseIsSchema: true,
  },
  capabilities: {
    erDiagram: true,
    // KILL QUERY from a second session stops the statement in the server.
    serverSideCancel: true,
    // A server holds many databases…
    multipleDatabases: true,
    // …which are MySQL's schemas (CREATE SCHEMA = CREATE DATABASE): no level inside them. The tree
    // shows the server as the one database and each MySQL database as a schema under it.
    schemas: false,
    // TABLE_ROWS is InnoDB's estimate.
    estimatedRowCounts: true,
    explain: true,
    explainAnalyze: 'mariadb',
    serverJudgesWrites: true,
    // The protocol's column definitions carry the schema, original table and column names.
    resultColumnOrigins: true,
  },
  import: {
    placeholder: 'question',
    maxParams: 65535,
    savepoints: true,
    bulk: 'load-data',
    transactionalDdl: false,
    booleans: ['1', '0'],
    // DATETIME has no zone and TIMESTAMP stops in 2038: offsets are converted to UTC.
    zoneOffsets: false,
    types: {
      boolean: 'boolean',
      smallint: 'smallint',
      integer: 'int',
      bigint: 'bigint',
      decimal: 'decimal({p},{s})',
      maxPrecision: 65,
      wideDecimal: 'longtext',
      double: 'double',
      date: 'date',
      timestamp: 'datetime(6)',
      timestamptz: 'datetime(6)',
      varchar: 'varchar({n})',
      maxVarchar: 16383,
      text: 'longtext',
    },
  },
  transactions: { begin: 'START TRANSACTION', commit: 'COMMIT', rollback: 'ROLLBACK' },
} as const satisfies EngineDescriptor
