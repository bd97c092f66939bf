import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import mysql from 'mysql2'
import pg from 'pg'
import Cursor from 'pg-cursor'
import type { BenchEngine } from './measures'

/** One streamed read of a whole result. */
export interface ReadTiming {
  rows: number
  /** From sending the query to holding the first row. */
  firstRowMs: number
  /** From sending the query to holding the last row. */
  totalMs: number
}

/** Rows per cursor read: large enough that round trips do not dominate. */
const CURSOR_BATCH = 5000

// Values kept as the server's text: no JS type conversion (the fastest faithful read).
const TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig

/** pg + pg-cursor, array rows; `parsed` keeps pg's default type parsing instead of text. */
export async function readPostgres(url: string, sql: string, parsed: boolean): Promise<ReadTiming> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const started = performance.now()
    const cursor = client.query(new Cursor(sql, [], { rowMode: 'array', ...(parsed ? {} : { types: TEXT_TYPES }) }))
    let rows = 0
    let firstRowMs = -1
    for (;;) {
      // The first read asks for one row, so the time to first row is not that of a whole batch.
      const batch = await cursor.read(rows === 0 ? 1 : CURSOR_BATCH)
      if (batch.length === 0) break
      if (firstRowMs < 0) firstRowMs = performance.now() - started
      rows += batch.length
    }
    const totalMs = performance.now() - started
    await cursor.close()
    return { rows, firstRowMs, totalMs }
  } finally {
    await client.end()
  }
}

/** mysql2's streaming query, rows as arrays, consumed by 'data' events (for await adds a promise per row). */
export async function readMysql(url: string, sql: string): Promise<ReadTiming> {
  const connection = mysql.createConnection({ uri: url })
  try {
    return await new Promise<ReadTiming>((resolve, reject) => {
      const started = performance.now()
      let rows = 0
      let firstRowMs = -1
      connection
        .query({ sql, rowsAsArray: true })
        .stream()
        .on('data', () => {
          if (rows++ === 0) firstRowMs = performance.now() - started
        })
        .on('error', reject)
        .on('end', () => resolve({ rows, firstRowMs, totalMs: performance.now() - started }))
    })
  } finally {
    await new Promise<void>((resolve) => connection.end(() => resolve()))
  }
}

/** better-sqlite3's iterate() in raw (array) mode with exact 64-bit integers, in this process. */
export function readSqlite(file: string, sql: string): ReadTiming {
  const db = new Database(file, { readonly: true })
  try {
    const started = performance.now()
    let rows = 0
    let firstRowMs = -1
    for (const _row of db.prepare(sql).raw(true).safeIntegers(true).iterate()) {
      if (firstRowMs < 0) firstRowMs = performance.now() - started
      rows++
    }
    return { rows, firstRowMs, totalMs: performance.now() - started }
  } finally {
    db.close()
  }
}

/**
 * @duckdb/node-api's streaming result read a chunk at a time (DuckDB computes each chunk when it is
 * fetched), every chunk's values converted to JS by columns (its faster conversion), in this
 * process, on a read-only open (the app may hold the same file open read-only meanwhile).
 */
export async function readDuckdb(file: string, sql: string): Promise<ReadTiming> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' })
  try {
    const connection = await instance.connect()
    try {
      const started = performance.now()
      const result = await connection.stream(sql)
      let rows = 0
      let firstRowMs = -1
      for (;;) {
        const chunk = await result.fetchChunk()
        if (!chunk || chunk.rowCount === 0) break
        chunk.getColumns()
        if (firstRowMs < 0) firstRowMs = performance.now() - started
        rows += chunk.rowCount
      }
      return { rows, firstRowMs, totalMs: performance.now() - started }
    } finally {
      connection.closeSync()
    }
  } finally {
    instance.closeSync()
  }
}

/** The reference read of an engine (and, for PostgreSQL, its default-parsing read for context). */
export async function readRaw(engine: BenchEngine, url: string, sql: string, parsed = false): Promise<ReadTiming> {
  if (engine === 'postgres') return readPostgres(url, sql, parsed)
  if (engine === 'mysql') return readMysql(url, sql)
  if (engine === 'duckdb') return readDuckdb(url, sql)
  return readSqlite(url, sql)
}
