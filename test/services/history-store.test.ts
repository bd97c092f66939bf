import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_SQL_LIMIT } from '../../src/shared/contract'
import { HISTORY_FILE, HistoryStore } from '../../src/main/services/history-store'
import type { HistoryRecord } from '../../src/main/services/history-store'

const run = (sql: string, overrides: Partial<HistoryRecord> = {}): HistoryRecord => ({
  connectionId: 'sample',
  engine: 'sqlite',
  sql,
  startedAt: '2026-01-02T03:04:05.000Z',
  elapsedMs: 12,
  rowCount: 3,
  affectedRows: null,
  outcome: 'done',
  error: null,
  ...overrides,
})

describe('HistoryStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-history-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('records runs, newest first, and a restart reads them back', async () => {
    const store = new HistoryStore(dir)
    const first = store.record(run('SELECT 1'))
    const second = store.record(
      run('SELEC 2', { outcome: 'error', error: { kind: 'syntax', message: 'near "SELEC": syntax error' } }),
    )
    expect(store.search('')).toEqual([second, first])
    await store.flush()
    expect(new HistoryStore(dir).search('')).toEqual([second, first])
    // History holds SQL: only its owner may read the file.
    expect(statSync(join(dir, HISTORY_FILE)).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual([HISTORY_FILE])
  })

  it('searches every word in the SQL or the error, case-insensitively, per connection, with a limit', () => {
    const store = new HistoryStore(null)
    store.record(run('SELECT * FROM orders WHERE total > 10'))
    store.record(run('select name from customers', { connectionId: 'pg' }))
    store.record(
      run('DELETE FROM orders', { outcome: 'error', error: { kind: 'permission', message: 'Access denied' } }),
    )
    expect(store.search('ORDERS').map((e) => e.sql)).toEqual([
      'DELETE FROM orders',
      'SELECT * FROM orders WHERE total > 10',
    ])
    expect(store.search('orders total').map((e) => e.sql)).toEqual(['SELECT * FROM orders WHERE total > 10'])
    expect(store.search('denied').map((e) => e.sql)).toEqual(['DELETE FROM orders'])
    expect(store.search('from', { connectionId: 'pg' }).map((e) => e.sql)).toEqual(['select name from customers'])
    expect(store.search('from', { limit: 1 })).toHaveLength(1)
    expect(store.search('nothing-like-this')).toEqual([])
  })

  it('keeps only the newest entries beyond its bound', () => {
    const store = new HistoryStore(null, 3)
    for (let i = 1; i <= 5; i++) store.record(run(`SELECT ${i}`))
    expect(store.search('').map((e) => e.sql)).toEqual(['SELECT 5', 'SELECT 4', 'SELECT 3'])
  })

  it('keeps the SQL of all entries within a total, dropping the oldest', () => {
    const store = new HistoryStore(null, 100, 25)
    for (const sql of ['SELECT 1', 'SELECT 22', 'SELECT 333', 'SELECT 4444']) store.record(run(sql))
    // 10 + 11 = 21 characters fit in 25; adding 9 more would not.
    expect(store.search('').map((e) => e.sql)).toEqual(['SELECT 4444', 'SELECT 333'])
  })

  it('cuts very long SQL and says so', () => {
    const store = new HistoryStore(null)
    const entry = store.record(run(`SELECT '${'x'.repeat(HISTORY_SQL_LIMIT)}'`))
    expect(entry.sql).toHaveLength(HISTORY_SQL_LIMIT)
    expect(entry.truncated).toBe(true)
    expect(store.record(run('SELECT 1')).truncated).toBe(false)
  })

  it('coalesces a burst of runs into one write', async () => {
    const store = new HistoryStore(dir)
    for (let i = 0; i < 50; i++) store.record(run(`SELECT ${i}`))
    await store.flush()
    const file = JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')) as { entries: unknown[] }
    expect(file.entries).toHaveLength(50)
  })

  it('keeps a damaged file aside and starts empty', async () => {
    writeFileSync(join(dir, HISTORY_FILE), 'not json')
    const store = new HistoryStore(dir)
    expect(store.search('')).toEqual([])
    expect(store.problem).toMatch(/was damaged/)
    expect(readdirSync(dir).some((name) => name.startsWith(`${HISTORY_FILE}.corrupt-`))).toBe(true)
    store.record(run('SELECT 1'))
    await store.flush()
    expect(new HistoryStore(dir).search('').map((e) => e.sql)).toEqual(['SELECT 1'])
  })

  it('clears', async () => {
    const store = new HistoryStore(dir)
    store.record(run('SELECT 1'))
    expect(store.clear()).toBe(1)
    await store.flush()
    expect(new HistoryStore(dir).search('')).toEqual([])
  })
})
