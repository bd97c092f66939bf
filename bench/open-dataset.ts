import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { EngineTarget } from './datasets'
import type { BenchEngine } from './measures'

/** The table the open case clicks in the tree: a key and three narrow columns. */
export const OPEN_TABLE = 'huge'

/** MariaDB rows per INSERT … SELECT: one statement of 100M rows would hold one huge transaction. */
const MYSQL_CHUNK = 5_000_000

/** PostgreSQL: generate_series into an UNLOGGED table (no WAL), the key built after the rows, then ANALYZE. */
async function generatePostgres(url: string, rows: number): Promise<void> {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    // Autovacuum off: a vacuum of 100M rows would run beside the measures (the table is never updated).
    await db.query(`SET maintenance_work_mem = '512MB';
      CREATE UNLOGGED TABLE ${OPEN_TABLE} (id bigint NOT NULL, qty integer NOT NULL, ratio double precision NOT NULL,
        label text NOT NULL) WITH (autovacuum_enabled = off);
      INSERT INTO ${OPEN_TABLE} SELECT g, g % 1000, g::float8 / 7, 'row ' || g FROM generate_series(1::bigint, ${rows}) AS g;
      ALTER TABLE ${OPEN_TABLE} ADD PRIMARY KEY (id);
      ANALYZE ${OPEN_TABLE};`)
  } finally {
    await db.end()
  }
}

/** MariaDB: the SEQUENCE engine's seq_<from>_to_<to>, in key order, a few million rows per statement. */
async function generateMysql(url: string, rows: number): Promise<void> {
  const db = await mysql.createConnection({ uri: url })
  try {
    await db.query(`CREATE TABLE ${OPEN_TABLE} (id BIGINT PRIMARY KEY, qty INT NOT NULL, ratio DOUBLE NOT NULL,
      label VARCHAR(32) NOT NULL) ENGINE=InnoDB`)
    for (let from = 1; from <= rows; from += MYSQL_CHUNK) {
      const to = Math.min(rows, from + MYSQL_CHUNK - 1)
      await db.query(`INSERT INTO ${OPEN_TABLE} SELECT seq, seq % 1000, seq / 7e0, CONCAT('row ', seq)
        FROM seq_${from}_to_${to}`)
    }
    await db.query(`ANALYZE TABLE ${OPEN_TABLE}`)
  } finally {
    await db.end()
  }
}

/** SQLite: a recursive CTE in one statement (one transaction), rowid key, no journal while it fills. */
function generateSqlite(file: string, rows: number): void {
  const db = new Database(file)
  try {
    const mode = db.pragma('journal_mode', { simple: true }) as string
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.exec(`CREATE TABLE ${OPEN_TABLE} (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, ratio REAL NOT NULL,
        label TEXT NOT NULL);
      WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${rows})
      INSERT INTO ${OPEN_TABLE} SELECT i, i % 1000, i / 7.0, 'row ' || i FROM g;`)
    db.pragma(`journal_mode = ${mode}`)
  } finally {
    db.close()
  }
}

/** DuckDB: range() into a table with its PRIMARY KEY, checkpointed, the file closed again. */
async function generateDuckdb(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(file)
  try {
    const db = await instance.connect()
    try {
      await db.run(`CREATE TABLE ${OPEN_TABLE} (id BIGINT PRIMARY KEY, qty INTEGER NOT NULL, ratio DOUBLE NOT NULL,
        label VARCHAR NOT NULL)`)
      await db.run(
        `INSERT INTO ${OPEN_TABLE} SELECT g, g % 1000, g / 7, 'row ' || g FROM range(1, ${rows + 1}) AS t(g)`,
      )
      await db.run('CHECKPOINT')
    } finally {
      db.closeSync()
    }
  } finally {
    instance.closeSync()
  }
}

const GENERATORS: Record<BenchEngine, (target: EngineTarget, rows: number) => Promise<void> | void> = {
  postgres: (target, rows) => generatePostgres(target.url, rows),
  mysql: (target, rows) => generateMysql(target.url, rows),
  sqlite: (target, rows) => generateSqlite(target.options.file!, rows),
  duckdb: (target, rows) => generateDuckdb(target.options.file!, rows),
}

/** Generates the open case's table of `rows` rows in the engine's bench database; returns the ms it took. */
export async function generateOpenTable(target: EngineTarget, rows: number): Promise<number> {
  const started = performance.now()
  await GENERATORS[target.engine](target, rows)
  return performance.now() - started
}
