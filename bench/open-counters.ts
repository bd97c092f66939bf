import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { EngineTarget } from './datasets'
import type { BenchEngine } from './measures'
import { OPEN_TABLE } from './open-dataset'
import { settled } from './settled-counter'

/** The statement the Data view says it ran, with its bound values. */
export interface IssuedStatement {
  sql: string
  params: string[]
}

/** Rows an engine read for the open, counted its own way (`how` says which, for the report). */
export interface RowsReadCounter {
  how: string
  /** A reading taken before the click (server counters; nothing for the embedded engines). */
  before(): Promise<number>
  /** Rows read since `before`, for the statement the open issued and the rows its page holds. */
  readSince(before: number, issued: IssuedStatement, pageRows: number): Promise<number>
  close(): Promise<void>
}

async function postgresCounter(url: string): Promise<RowsReadCounter> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const read = async (): Promise<number> => {
    // A fresh snapshot of the statistics each time, not the one cached by this transaction.
    await client.query('SELECT pg_stat_clear_snapshot()')
    const { rows } = await client.query<{ n: string }>(
      `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables
        WHERE relname = $1`,
      [OPEN_TABLE],
    )
    return Number(rows[0]?.n ?? 0)
  }
  return {
    how: 'pg_stat_user_tables: seq_tup_read + idx_tup_fetch of the table, delta over the open',
    before: read,
    readSince: (before) => settled(read, before),
    close: () => client.end(),
  }
}

async function mysqlCounter(url: string): Promise<RowsReadCounter> {
  const db = await mysql.createConnection({ uri: url })
  // Per-table counters: the global Handler_read_* would also count the app's catalog queries.
  await db.query('SET GLOBAL userstat = 1')
  const read = async (): Promise<number> => {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      `SELECT ROWS_READ AS n FROM information_schema.TABLE_STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
      [OPEN_TABLE],
    )
    return Number(rows[0]?.['n'] ?? 0)
  }
  return {
    how: 'information_schema.TABLE_STATISTICS.ROWS_READ of the table (userstat on), delta over the open',
    before: read,
    readSince: (before) => settled(read, before),
    close: () => db.end(),
  }
}

/**
 * SQLite has no row counters: the issued statement's plan says whether it reads the table in key
 * order and stops at the LIMIT (the rows of the page), or sorts it first (every row).
 */
function sqliteCounter(file: string): RowsReadCounter {
  return {
    how: 'EXPLAIN QUERY PLAN of the issued statement: in key order with no sort step, the page rows; else every row',
    before: async () => 0,
    async readSince(_before, issued, pageRows) {
      const db = new Database(file, { readonly: true })
      try {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${issued.sql}`).all(...issued.params) as { detail: string }[]
        const sorts = plan.some((step) => /TEMP B-TREE/.test(step.detail))
        if (!sorts) return pageRows
        return Number((db.prepare(`SELECT count(*) AS n FROM "${OPEN_TABLE}"`).get() as { n: number }).n)
      } finally {
        db.close()
      }
    },
    close: async () => {},
  }
}

/** DuckDB's profiler: EXPLAIN ANALYZE of the issued statement, its rows scanned. */
function duckdbCounter(file: string): RowsReadCounter {
  return {
    how: "EXPLAIN (ANALYZE, FORMAT json) of the issued statement: the profiler's cumulative_rows_scanned",
    before: async () => 0,
    async readSince(_before, issued) {
      const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' })
      try {
        const db = await instance.connect()
        try {
          const result = await db.runAndReadAll(`EXPLAIN (ANALYZE, FORMAT json) ${issued.sql}`, issued.params)
          const plan = result.getRowObjects().find((row) => row['explain_key'] === 'analyzed_plan')
          const profile = JSON.parse(String(plan?.['explain_value'] ?? '{}')) as { cumulative_rows_scanned?: number }
          if (typeof profile.cumulative_rows_scanned !== 'number') throw new Error('DuckDB profiled no rows scanned')
          return profile.cumulative_rows_scanned
        } finally {
          db.closeSync()
        }
      } finally {
        instance.closeSync()
      }
    },
    close: async () => {},
  }
}

const COUNTERS: Record<BenchEngine, (target: EngineTarget) => Promise<RowsReadCounter> | RowsReadCounter> = {
  postgres: (target) => postgresCounter(target.url),
  mysql: (target) => mysqlCounter(target.url),
  sqlite: (target) => sqliteCounter(target.options.file!),
  duckdb: (target) => duckdbCounter(target.options.file!),
}

/** The engine's way of counting the rows the open read. */
export const rowsReadCounter = (target: EngineTarget): Promise<RowsReadCounter> =>
  Promise.resolve(COUNTERS[target.engine](target))
