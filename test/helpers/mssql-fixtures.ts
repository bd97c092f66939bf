import type { EngineFixtures } from './engine-harness'
import { numbers } from './mariadb-fixtures'
import { SQL_MINIMAL, SQL_QUERIES } from './sql-queries'

const SERIES_COLUMNS =
  'id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, half FLOAT, parity INT, big BIGINT, ' +
  'code VARCHAR(16), flag BIT, note VARCHAR(40), score DECIMAL(20,6), stamp DATE'

/** T-SQL versions of the shared fixtures; each string runs as its own batch. */
export const mssqlFixtures: EngineFixtures = {
  queries: SQL_QUERIES,
  minimal: SQL_MINIMAL,
  // No expression indexes (a computed column would be the way) and no RESTRICT action.
  lacks: { expressionIndexes: true, setNullOnKeyColumns: true, restrictAction: true },
  catalog: [
    `CREATE TABLE authors (
      id INT IDENTITY(1,1) PRIMARY KEY,
      email VARCHAR(200) NOT NULL UNIQUE,
      name VARCHAR(100) NOT NULL DEFAULT 'anonymous',
      born DATE
    )`,
    `CREATE TABLE books (
      id INT PRIMARY KEY,
      author_id INT NOT NULL,
      title VARCHAR(200) NOT NULL,
      isbn VARCHAR(20),
      price NUMERIC(8, 2) DEFAULT 9.99,
      published INT NOT NULL DEFAULT 0,
      FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE ON UPDATE NO ACTION
    )`,
    'CREATE UNIQUE INDEX books_isbn ON books (isbn) WHERE isbn IS NOT NULL',
    'CREATE INDEX books_title_lower ON books (title, published DESC)',
    `CREATE TABLE tags (
      book_id INT NOT NULL,
      tag VARCHAR(50) NOT NULL,
      PRIMARY KEY (book_id, tag),
      FOREIGN KEY (book_id) REFERENCES books ON DELETE CASCADE
    )`,
    `CREATE TABLE reviews (
      id INT PRIMARY KEY,
      book_id INT,
      tag VARCHAR(50),
      body NVARCHAR(MAX),
      FOREIGN KEY (book_id, tag) REFERENCES tags (book_id, tag) ON DELETE SET NULL ON UPDATE NO ACTION
    )`,
    `CREATE VIEW published_books AS
      SELECT b.id, b.title, a.name AS author FROM books b JOIN authors a ON a.id = b.author_id WHERE b.published = 1`,
    "INSERT INTO authors (email, name) VALUES ('ada@example.com', 'Ada'), ('alan@example.com', 'Alan')",
    "INSERT INTO books (id, author_id, title, isbn, published) VALUES (1, 1, 'Notes', '111', 1), (2, 2, 'Machines', NULL, 0), (3, 2, 'Numbers', '222', 1)",
    "INSERT INTO tags VALUES (1, 'math'), (3, 'math')",
  ],
  values: {
    setup: [
      `CREATE TABLE vals (
        above_2_53 BIGINT, int64_min BIGINT, int64_max BIGINT, max_safe BIGINT, min_safe BIGINT,
        real_value FLOAT, negative_real FLOAT, single REAL, exact DECIMAL(38,10), cash MONEY,
        stamp DATETIME2(7), legacy DATETIME, offset_stamp DATETIMEOFFSET(7), day DATE, clock TIME(7),
        guid UNIQUEIDENTIFIER, empty_text VARCHAR(10), null_text VARCHAR(10), null_word VARCHAR(10),
        bytes VARBINARY(10), empty_bytes VARBINARY(10), unicode NVARCHAR(50), doc XML, flag BIT,
        place GEOGRAPHY, shape GEOMETRY, variant SQL_VARIANT
      )`,
      `INSERT INTO vals VALUES (
        9007199254740993, -9223372036854775808, 9223372036854775807, 9007199254740991, -9007199254740991,
        3.25, -0.1, 0.1, 1234567890123456789012345678.0123456789, 922337203685477.5807,
        '2024-02-29 23:59:59.1234567', '2024-02-29 23:59:59.997', '2024-02-29 23:59:59.1234567 +05:30',
        '0001-01-01', '23:59:59.9999999',
        '6F9619FF-8B86-D011-B42D-00C04FC964FF', '', NULL, 'NULL',
        0x00ff10, 0x, N'héllo ✓ 🎉 日本語', '<a b="1">x</a>', 1,
        geography::Point(47.65, -122.35, 4326), geometry::STGeomFromText('LINESTRING (0 0, 1 1)', 0),
        CAST(12.5 AS DECIMAL(4,1))
      )`,
    ],
    expected: {
      above_2_53: { $: 'int', v: '9007199254740993' },
      int64_min: { $: 'int', v: '-9223372036854775808' },
      int64_max: { $: 'int', v: '9223372036854775807' },
      max_safe: 9007199254740991,
      min_safe: -9007199254740991,
      real_value: 3.25,
      negative_real: -0.1,
      single: 0.1,
      exact: '1234567890123456789012345678.0123456789',
      cash: '922337203685477.5807',
      stamp: '2024-02-29 23:59:59.1234567',
      legacy: '2024-02-29 23:59:59.997',
      offset_stamp: '2024-02-29 23:59:59.1234567 +05:30',
      day: '0001-01-01',
      clock: '23:59:59.9999999',
      guid: '6F9619FF-8B86-D011-B42D-00C04FC964FF',
      empty_text: '',
      null_text: null,
      null_word: 'NULL',
      bytes: { $: 'bytes', v: '00ff10', n: 3 },
      empty_bytes: { $: 'bytes', v: '', n: 0 },
      unicode: 'héllo ✓ 🎉 日本語',
      doc: '<a b="1">x</a>',
      flag: 1,
      place: 'POINT (-122.35 47.65)',
      shape: 'LINESTRING (0 0, 1 1)',
      variant: '12.5',
    },
  },
  series: (rows) => [
    `CREATE TABLE series (${SERIES_COLUMNS})`,
    `INSERT INTO series SELECT n, CONCAT('row ', n), n * 0.5, n % 2, CAST(n AS BIGINT) * 1000003,
      CONVERT(VARCHAR(16), CONVERT(VARBINARY(4), n), 2), CASE WHEN n % 7 = 0 THEN 1 ELSE 0 END, NULL, n / 3.0,
      '2024-01-01' FROM ${numbers(rows)}`,
  ],
  // A first row big enough to leave the server's packet buffer at once, then a count over a
  // trillion-row cross join that runs until cancelled.
  endless: `SELECT pad, n FROM (
      SELECT REPLICATE(CAST('x' AS VARCHAR(MAX)), 65536) AS pad, CAST(0 AS BIGINT) AS n
      UNION ALL
      SELECT NULL, COUNT_BIG(*) FROM sys.all_columns a CROSS JOIN sys.all_columns b CROSS JOIN sys.all_columns c
    ) AS t`,
  scripts: {
    temporary: [
      'CREATE TABLE #scratch (n INTEGER)',
      'INSERT INTO #scratch VALUES (1), (2), (3)',
      "SELECT n, 'x;y' AS s FROM #scratch ORDER BY n",
      'SELECT count(*) AS c FROM #scratch',
    ].join('\nGO\n'),
    failing:
      'CREATE TABLE kept (n INTEGER)\nGO\nINSERT INTO kept VALUES (7)\nGO\nSELECT FROM WHERE\nGO\nINSERT INTO kept VALUES (8)',
  },
}
