import type { EngineFixtures } from './engine-harness'
import { SQL_MINIMAL, SQL_QUERIES } from './sql-queries'

const SERIES_COLUMNS =
  'id INTEGER PRIMARY KEY, label TEXT NOT NULL, half REAL, parity INTEGER, big INTEGER, ' +
  'code TEXT, flag INTEGER, note TEXT, score REAL, stamp TEXT'

/** SQLite versions of the shared fixtures. */
export const sqliteFixtures: EngineFixtures = {
  queries: SQL_QUERIES,
  minimal: SQL_MINIMAL,
  catalog: [
    `CREATE TABLE authors (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL UNIQUE,
      name VARCHAR(100) NOT NULL DEFAULT 'anonymous',
      born DATE
    )`,
    `CREATE TABLE books (
      id INTEGER PRIMARY KEY,
      author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE ON UPDATE RESTRICT,
      title TEXT NOT NULL,
      isbn TEXT,
      price NUMERIC(8, 2) DEFAULT 9.99,
      published INTEGER NOT NULL DEFAULT 0
    )`,
    'CREATE UNIQUE INDEX books_isbn ON books (isbn) WHERE isbn IS NOT NULL',
    'CREATE INDEX books_title_lower ON books (lower(title), published DESC)',
    `CREATE TABLE tags (
      book_id INTEGER NOT NULL REFERENCES books ON DELETE SET NULL,
      tag TEXT NOT NULL,
      PRIMARY KEY (book_id, tag)
    )`,
    `CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      book_id INTEGER,
      tag TEXT,
      body TEXT,
      FOREIGN KEY (book_id, tag) REFERENCES tags (book_id, tag) ON DELETE SET NULL
    )`,
    `CREATE VIEW published_books AS
      SELECT b.id, b.title, a.name AS author FROM books b JOIN authors a ON a.id = b.author_id WHERE b.published = 1`,
    "INSERT INTO authors (email, name) VALUES ('ada@example.com', 'Ada'), ('alan@example.com', 'Alan')",
    "INSERT INTO books (author_id, title, isbn, published) VALUES (1, 'Notes', '111', 1), (2, 'Machines', NULL, 0), (2, 'Numbers', '222', 1)",
    "INSERT INTO tags VALUES (1, 'math'), (3, 'math')",
  ],
  values: {
    setup: [
      `CREATE TABLE vals (
        above_2_53 INTEGER, int64_min INTEGER, int64_max INTEGER, max_safe INTEGER, min_safe INTEGER,
        real_value REAL, negative_real REAL, empty_text TEXT, null_text TEXT, null_word TEXT,
        bytes BLOB, empty_bytes BLOB, unicode TEXT
      )`,
      `INSERT INTO vals VALUES (
        9007199254740993, -9223372036854775808, 9223372036854775807, 9007199254740991, -9007199254740991,
        3.25, -0.1, '', NULL, 'NULL',
        X'00ff10', X'', 'héllo ✓ 🎉 日本語'
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
    `INSERT INTO series
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
      SELECT i, 'row ' || i, i * 0.5, i % 2, i * 1000003, hex(i), i % 7 = 0, NULL, i / 3.0, '2024-01-01' FROM n`,
  ],
  endless: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
}
