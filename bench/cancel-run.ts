import mysql from 'mysql2/promise'
import pg from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import type { BrowserSession } from './browser-session'
import type { EngineTarget } from './datasets'
import type { BenchEngine } from './measures'
import type { Recorder } from './recorder'
import { activePanel, probe, setSql, startRun, waitForRunEnd } from './ui-actions'

/** A statement that runs until cancelled (30 s for the servers, endless for the embedded engines). */
export const SLEEP_SQL: Record<BenchEngine, string> = {
  postgres: 'SELECT pg_sleep(30)',
  mysql: 'SELECT SLEEP(30)',
  sqlite: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
  // A trillion rows summed: far longer than any wait of the bench.
  duckdb: 'SELECT sum(range) FROM range(1000000000000)',
}

/** Counts, on the server, the sleeping statements still running (from a connection of its own). */
export interface StatementWatch {
  running(): Promise<number>
  close(): Promise<void>
}

export async function watchStatements(target: EngineTarget): Promise<StatementWatch | null> {
  if (target.engine === 'postgres') {
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    const sql = `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active' AND pid <> pg_backend_pid()`
    return {
      running: async () => (await client.query<{ n: number }>(sql)).rows[0]!.n,
      close: () => client.end(),
    }
  }
  if (target.engine === 'mysql') {
    const connection = await mysql.createConnection(target.url)
    const sql = "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP%'"
    return {
      running: async () => Number((await connection.query<mysql.RowDataPacket[]>(sql))[0][0]!.n),
      close: () => connection.end(),
    }
  }
  return null
}

const nowEpoch = (): number => performance.timeOrigin + performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs the sleeping statement from the editor, clicks Cancel, and measures Cancel click (page
 * clock) → statement gone from the server (polled every few ms from here); for SQLite, which has
 * no server to ask, → the UI says cancelled.
 */
export async function measureCancel(session: BrowserSession, target: EngineTarget, recorder: Recorder): Promise<void> {
  const { page } = session
  const { engine } = target
  const watch = await watchStatements(target)
  try {
    await setSql(page, SLEEP_SQL[engine])
    await startRun(page)
    await activePanel(page).locator(`[data-testid="${TID.status}"][data-status="running"]`).waitFor()
    if (watch) {
      const deadline = Date.now() + 15_000
      while ((await watch.running()) === 0) {
        if (Date.now() > deadline) throw new Error(`${engine}: the sleeping statement never showed on the server`)
        await sleep(20)
      }
    }
    await sleep(300)
    const clicked = activePanel(page).getByTestId(TID.cancelButton).click()
    let goneAt: number | null = null
    if (watch) {
      const deadline = Date.now() + 10_000
      while (Date.now() < deadline) {
        const count = await watch.running()
        if (count === 0) {
          goneAt = nowEpoch()
          break
        }
        await sleep(2)
      }
    }
    await clicked
    const run = await waitForRunEnd(page, 35_000)
    const clickEpoch = await probe(page, 'cancelClickEpoch')
    if (run.status !== 'cancelled' || clickEpoch === null) {
      recorder.reject(engine, 'cancel.ms', `ended as ${run.status} (click seen: ${clickEpoch !== null})`)
      return
    }
    if (watch) {
      if (goneAt === null) recorder.reject(engine, 'cancel.ms', 'the statement was still running 10 s after Cancel')
      else if (goneAt < clickEpoch)
        recorder.reject(engine, 'cancel.ms', 'the statement ended before Cancel was clicked')
      else recorder.record(engine, 'cancel.ms', goneAt - clickEpoch)
    } else {
      const origin = await probe(page, 'timeOrigin')
      recorder.record(engine, 'cancel.ms', origin + run.endAt! - clickEpoch)
    }
  } finally {
    await watch?.close()
  }
}
