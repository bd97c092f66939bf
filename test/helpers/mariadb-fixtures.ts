import type { EngineFixtures } from './engine-harness'
import { SQL_MINIMAL, SQL_QUERIES } from './sql-queries'

const SERIES_COLUMNS =
  'id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, half DOUBLE, parity INT, big BIGINT, ' +
  'code VARCHAR(16), flag TINYINT, note VARCHAR(40), score DECIMAL(20,6), stamp DATE'

/** 1..rows without a sequence engine or recursion limits: a cross join of digit tables (MySQL and MariaDB). */
export function numbers(rows: number): string {
  const levels = Math.max(1, Math.ceil(Math.log10(rows + 1)))
  const digits =
    '(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 ' +
    'UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)'
  const from = Array.from({ length: levels }, (_, i) => `${digits} AS d${i}`).join(' CROSS JOIN ')
  const sum = Array.from({ length: levels }, (_, i) => `d${i}.d * ${10 ** i}`).join(' + ')
  return `(SELECT ${sum} + 1 AS n FROM ${from}) AS numbers WHERE n <= ${rows}`
}

/** MySQL/MariaDB versions of the shared fixtures; MariaDB has no functional key parts. */
export function mariadbFixtures(flavor: 'mariadb' | 'mysql'): EngineFixtures {
  const expressionIndexes = flavor === 'mysql'
  return {
    queries: SQL_QUERIES,
    minimal: SQL_MINIMAL,
    lacks: { partialIndexes: true, expressionIndexes: !expressionIndexes, setNullOnKeyColumns: true },
    catalog: [
      `CREATE TABLE authors (
        id INT PRIMARY KEY AUTO_INCREMENT,
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
        FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE ON UPDATE RESTRICT
      )`,
      'CREATE UNIQUE INDEX books_isbn ON books (isbn)',
      expressionIndexes
        ? 'CREATE INDEX books_title_lower ON books ((lower(title)), published DESC)'
        : 'CREATE INDEX books_title_lower ON books (title, published DESC)',
      `CREATE TABLE tags (
        book_id INT NOT NULL,
        tag VARCHAR(50) NOT NULL,
        PRIMARY KEY (book_id, tag),
        FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
      )`,
      `CREATE TABLE reviews (
        id INT PRIMARY KEY,
        book_id INT,
        tag VARCHAR(50),
        body TEXT,
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
          above_2_53 BIGINT, int64_min BIGINT, int64_max BIGINT, uint64_max BIGINT UNSIGNED,
          max_safe BIGINT, min_safe BIGINT, real_value DOUBLE, negative_real DOUBLE, exact DECIMAL(38,10),
          stamp DATETIME(6), empty_text VARCHAR(10), null_text VARCHAR(10), null_word VARCHAR(10),
          bytes VARBINARY(10), empty_bytes VARBINARY(10), unicode TEXT
        )`,
        `INSERT INTO vals VALUES (
          9007199254740993, -9223372036854775808, 9223372036854775807, 18446744073709551615,
          9007199254740991, -9007199254740991, 3.25, -0.1, 1234567890123456789012345678.0123456789,
          '2024-02-29 23:59:59.123456', '', NULL, 'NULL',
          X'00ff10', X'', 'héllo ✓ 🎉 日本語'
        )`,
      ],
      expected: {
        above_2_53: { $: 'int', v: '9007199254740993' },
        int64_min: { $: 'int', v: '-9223372036854775808' },
        int64_max: { $: 'int', v: '9223372036854775807' },
        uint64_max: { $: 'int', v: '18446744073709551615' },
        max_safe: 9007199254740991,
        min_safe: -9007199254740991,
        real_value: 3.25,
        negative_real: -0.1,
        exact: '1234567890123456789012345678.0123456789',
        stamp: '2024-02-29 23:59:59.123456',
        empty_text: '',
        null_text: null,
        null_word: 'NULL',
        bytes: { $: 'bytes', v: '00ff10', n: 3 },
        empty_bytes: { $: 'bytes', v: '', n: 0 },
        unicode: 'héllo ✓ 🎉 日本語',
      },
    },
    series: (rows) => [
      `CREATE TABLE series (${SERIES_COLUMNS})`,
      `INSERT INTO series SELECT n, CONCAT('row ', n), n * 0.5, n % 2, n * 1000003, HEX(n), n % 7 = 0, NULL, n / 3,
        '2024-01-01' FROM ${numbers(rows)}`,
    ],
    // The server sends nothing (not even the columns) until 16 KiB of output fill its network
    // buffer, so a first row that fills it comes at once; the second sleeps until killed.
    endless: "SELECT REPEAT('x', 65536) AS pad, SLEEP(t.n) AS slept FROM (SELECT 0 AS n UNION ALL SELECT 600) AS t",
  }
}
