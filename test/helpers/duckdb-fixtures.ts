import type { EngineFixtures } from './engine-harness'
import { SQL_MINIMAL, SQL_QUERIES } from './sql-queries'

/** DuckDB versions of the shared fixtures. */
export const duckdbFixtures: EngineFixtures = {
  queries: SQL_QUERIES,
  minimal: SQL_MINIMAL,
  catalog: [
    'CREATE SEQUENCE authors_id_seq',
    `CREATE TABLE authors (
      id INTEGER PRIMARY KEY DEFAULT nextval('authors_id_seq'),
      email TEXT NOT NULL UNIQUE,
      name VARCHAR(100) NOT NULL DEFAULT 'anonymous',
      born DATE
    )`,
    `CREATE TABLE books (
      id INTEGER PRIMARY KEY,
      author_id INTEGER NOT NULL REFERENCES authors (id),
      title TEXT NOT NULL,
      isbn TEXT,
      price NUMERIC(8, 2) DEFAULT 9.99,
      published INTEGER NOT NULL DEFAULT 0
    )`,
    'CREATE UNIQUE INDEX books_isbn ON books (isbn)',
    'CREATE INDEX books_title_lower ON books (lower(title), published)',
    `CREATE TABLE tags (
      book_id INTEGER NOT NULL REFERENCES books,
      tag TEXT NOT NULL,
      PRIMARY KEY (book_id, tag)
    )`,
    `CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      book_id INTEGER,
      tag TEXT,
      body TEXT,
      FOREIGN KEY (book_id, tag) REFERENCES tags (book_id, tag)
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
        real_value DOUBLE, negative_real DOUBLE, empty_text TEXT, null_text TEXT, null_word TEXT,
        bytes BLOB, empty_bytes BLOB, unicode TEXT
      )`,
      `INSERT INTO vals VALUES (
        9007199254740993, -9223372036854775808, 9223372036854775807, 9007199254740991, -9007199254740991,
        3.25, -0.1, '', NULL, 'NULL',
        '\\x00\\xFF\\x10'::BLOB, ''::BLOB, 'héllo ✓ 🎉 日本語'
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
    `CREATE TABLE series (
      id INTEGER PRIMARY KEY, label TEXT NOT NULL, half DOUBLE, parity INTEGER, big BIGINT,
      code TEXT, flag BOOLEAN, note TEXT, score DOUBLE, stamp TEXT
    )`,
    `INSERT INTO series
      SELECT i, 'row ' || i, i * 0.5, i % 2, i * 1000003, hex(i), i % 7 = 0, NULL, i / 3.0, '2024-01-01'
      FROM range(1, ${rows + 1}) t(i)`,
  ],
  // A scan that never finds a row: DuckDB works inside one fetch until interrupted.
  endless: 'SELECT x FROM range(9223372036854775000) t(x) WHERE x < 0',
  lacks: { partialIndexes: true, referentialActions: true, varcharLength: true },
}
