import { join } from 'node:path'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { ConnectionOptions } from '../src/main/drivers/driver'
import { MYSQL_EVENTS, POSTGRES_EVENTS, SQLITE_EVENTS, eventsRows } from './events-dataset'
import type { BenchEngine } from './measures'

/** Tables in the schema the tree benchmark lists. */
export const WIDE_TABLES = 10_000

/** Where an engine's bench data lives and how each part of the bench reaches it. */
export interface EngineTarget {
  engine: BenchEngine
  /** What the raw readers, the pipeline and the server-side polls connect with. */
  url: string
  /** The big table's database, for the drivers. */
  options: ConnectionOptions
  /** The 10,000-table schema, for the drivers (SQLite: its own file). */
  wideOptions: ConnectionOptions
  /** Schema holding the 10,000 tables, as the tree names it. */
  wideSchema: string
  /** Schema holding `big`, `events` and the open case's table, as the tree names it. */
  openSchema: string
}

/**
 * The same N rows × 10 columns in every engine: two integers (one beyond 2^53), an exact decimal,
 * text of varying length, a timestamp, a boolean, a nullable text, a date and a float.
 */
const POSTGRES_BIG = (rows: number) => `
  CREATE TABLE big (id bigint PRIMARY KEY, big bigint NOT NULL, qty integer NOT NULL, amount numeric(12, 2) NOT NULL,
    label text NOT NULL, at timestamptz NOT NULL, flag boolean NOT NULL, note text, day date NOT NULL,
    ratio double precision NOT NULL);
  INSERT INTO big SELECT g, 9007199254740993 + g, g % 1000, (g % 100000) / 100.0, 'row ' || g || repeat('x', (g % 40)::int),
    timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', g % 3 = 0,
    CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || (g * 7919 % 100003) END, date '2024-01-01' + (g % 3650)::int, g::float8 / 7
  FROM generate_series(1::bigint, ${rows}) AS g;
  ANALYZE big;`

const MYSQL_BIG = (rows: number) => [
  `CREATE TABLE big (id BIGINT PRIMARY KEY, big BIGINT NOT NULL, qty INT NOT NULL, amount DECIMAL(12, 2) NOT NULL,
    label VARCHAR(64) NOT NULL, at TIMESTAMP NOT NULL, flag BOOLEAN NOT NULL, note VARCHAR(32), day DATE NOT NULL,
    ratio DOUBLE NOT NULL) ENGINE=InnoDB`,
  "SET time_zone = '+00:00'",
  `INSERT INTO big SELECT seq, 9007199254740993 + seq, seq % 1000, (seq % 100000) / 100, CONCAT('row ', seq, REPEAT('x', seq % 40)),
    TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 3 = 0,
    IF(seq % 7 = 0, NULL, CONCAT('note ', seq * 7919 % 100003)), DATE '2024-01-01' + INTERVAL (seq % 3650) DAY, seq / 7e0
  FROM seq_1_to_${rows}`,
]

const SQLITE_BIG = (rows: number) => `
  CREATE TABLE big (id INTEGER PRIMARY KEY, big INTEGER NOT NULL, qty INTEGER NOT NULL, amount NUMERIC NOT NULL,
    label TEXT NOT NULL, at TIMESTAMP NOT NULL, flag BOOLEAN NOT NULL, note TEXT, day DATE NOT NULL, ratio REAL NOT NULL);
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${rows})
  INSERT INTO big SELECT i, 9007199254740993 + i, i % 1000, (i % 100000) / 100.0, 'row ' || i || substr('${'x'.repeat(40)}', 1, i % 40),
    strftime('%Y-%m-%d %H:%M:%S+00:00', '2024-01-01', '+' || i || ' seconds'), i % 3 = 0,
    CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || (i * 7919 % 100003) END, date('2024-01-01', '+' || (i % 3650) || ' days'),
    i / 7.0
  FROM g;`

const tableName = (i: number): string => `t${String(i).padStart(5, '0')}`

/** Creates database `bench` with `big` and schema `wide` (10,000 one-column tables). */
export async function seedPostgres(adminUrl: string, rows: number): Promise<EngineTarget> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('CREATE DATABASE bench')
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/bench'
  const db = new pg.Client({ connectionString: url.toString() })
  await db.connect()
  try {
    await db.query(POSTGRES_BIG(rows))
    await db.query(POSTGRES_EVENTS(eventsRows(rows)))
    await db.query('CREATE SCHEMA wide')
    // One transaction per 1,000 tables keeps the lock table small.
    for (let from = 1; from <= WIDE_TABLES; from += 1000) {
      const to = Math.min(WIDE_TABLES, from + 999)
      await db.query(`DO $$ BEGIN FOR i IN ${from}..${to} LOOP
        EXECUTE format('CREATE TABLE wide.%I (id int)', 't' || lpad(i::text, 5, '0')); END LOOP; END $$`)
    }
  } finally {
    await db.end()
  }
  const { hostname, port, username, password } = url
  const options: ConnectionOptions = {
    engine: 'postgres',
    host: hostname,
    port: Number(port),
    user: decodeURIComponent(username),
    password: decodeURIComponent(password),
    database: 'bench',
    ssl: { mode: 'disable' },
  }
  return {
    engine: 'postgres',
    url: url.toString(),
    options,
    wideOptions: options,
    wideSchema: 'wide',
    openSchema: 'public',
  }
}

/** Creates database `bench` with `big`, and database `wide` with 10,000 one-column tables. */
export async function seedMysql(adminUrl: string, rows: number): Promise<EngineTarget> {
  const db = await mysql.createConnection({ uri: adminUrl, multipleStatements: true })
  try {
    await db.query('CREATE DATABASE bench')
    await db.query('USE bench')
    for (const sql of [...MYSQL_BIG(rows), ...MYSQL_EVENTS(eventsRows(rows))]) await db.query(sql)
    await db.query('CREATE DATABASE wide')
  } finally {
    await db.end()
  }
  await createWideMysql(adminUrl)
  const url = new URL(adminUrl)
  url.pathname = '/bench'
  const options: ConnectionOptions = {
    engine: 'mysql',
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: 'bench',
    ssl: { mode: 'disable' },
  }
  return {
    engine: 'mysql',
    url: url.toString(),
    options,
    wideOptions: options,
    wideSchema: 'wide',
    openSchema: 'bench',
  }
}

/** 10,000 tables in database `wide`, 250 per round trip over 4 sessions (each CREATE is slow alone). */
async function createWideMysql(adminUrl: string): Promise<void> {
  let next = 1
  const session = async (): Promise<void> => {
    const db = await mysql.createConnection({ uri: adminUrl, multipleStatements: true })
    try {
      while (next <= WIDE_TABLES) {
        const from = next
        next += 250
        const names = Array.from({ length: Math.min(250, WIDE_TABLES - from + 1) }, (_, i) => tableName(from + i))
        await db.query(names.map((name) => `CREATE TABLE wide.${name} (id INT)`).join(';'))
      }
    } finally {
      await db.end()
    }
  }
  await Promise.all([session(), session(), session(), session()])
}

/** Creates bench.db with `big` and wide.db with 10,000 one-column tables, in `dir`. */
export function seedSqlite(dir: string, rows: number): EngineTarget {
  const file = join(dir, 'bench.db')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(SQLITE_BIG(rows))
  db.exec(SQLITE_EVENTS(eventsRows(rows)))
  db.close()
  const wideFile = join(dir, 'wide.db')
  const wide = new Database(wideFile)
  wide.exec('BEGIN')
  for (let i = 1; i <= WIDE_TABLES; i++) wide.exec(`CREATE TABLE ${tableName(i)} (id INTEGER)`)
  wide.exec('COMMIT')
  wide.close()
  return {
    engine: 'sqlite',
    url: file,
    options: { engine: 'sqlite', file },
    wideOptions: { engine: 'sqlite', file: wideFile },
    wideSchema: 'main',
    openSchema: 'main',
  }
}
