import { createHash } from 'node:crypto'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_DB_VERSION, generateSampleDb, parseArgs } from '../../scripts/generate-sample-db.mjs'

const ROWS = 20_000
const TWO_TO_53 = 2n ** 53n
const SCRIPT = fileURLToPath(new URL('../../scripts/generate-sample-db.mjs', import.meta.url))

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('generate-sample-db', () => {
  let dir: string
  let first: string
  let second: string
  let db: Database.Database

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-sample-'))
    first = join(dir, 'a', 'sample.db')
    second = join(dir, 'b', 'sample.db')
    const log = (): void => {}
    const a = generateSampleDb({ out: first, rows: ROWS, log })
    const b = generateSampleDb({ out: second, rows: ROWS, log })
    expect(a.skipped).toBe(false)
    expect(b.skipped).toBe(false)
    db = new Database(first, { readonly: true })
    db.defaultSafeIntegers(true)
  }, 120_000)

  afterAll(() => {
    db?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is deterministic: the same arguments give byte-identical files', () => {
    expect(sha256(first)).toBe(sha256(second))
  })

  it('leaves no temporary or journal file behind', () => {
    expect(readdirSync(join(dir, 'a'))).toEqual(['sample.db'])
    expect(readdirSync(join(dir, 'b'))).toEqual(['sample.db'])
  })

  it('records its version and is a healthy database', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(BigInt(SAMPLE_DB_VERSION))
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(db.pragma('quick_check', { simple: true })).toBe('ok')
  })

  it('has a related schema: tables, views, foreign keys with actions, indexes', () => {
    const objects = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as {
      type: string
      name: string
      sql: string | null
    }[]
    const tables = objects.filter((o) => o.type === 'table').map((o) => o.name)
    const views = objects.filter((o) => o.type === 'view').map((o) => o.name)
    expect(tables.length).toBeGreaterThanOrEqual(8)
    expect(views.length).toBeGreaterThanOrEqual(1)
    for (const view of views) expect(() => db.prepare(`SELECT * FROM "${view}" LIMIT 1`).all()).not.toThrow()

    const foreignKeys = db
      .prepare(
        'SELECT m.name AS child, f."table" AS parent, f.on_delete FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = \'table\'',
      )
      .all() as { child: string; parent: string; on_delete: string }[]
    expect(foreignKeys.length).toBeGreaterThanOrEqual(10)
    expect(new Set(foreignKeys.map((f) => f.on_delete))).toEqual(new Set(['CASCADE', 'SET NULL', 'RESTRICT']))
    expect(foreignKeys).toContainEqual({ child: 'categories', parent: 'categories', on_delete: 'CASCADE' })
    expect(foreignKeys).toContainEqual({ child: 'events', parent: 'customers', on_delete: 'SET NULL' })
    expect(db.pragma('foreign_key_check')).toEqual([])

    const indexSql = objects.filter((o) => o.type === 'index' && o.sql).map((o) => o.sql as string)
    expect(indexSql.some((sql) => /\bWHERE\b/i.test(sql))).toBe(true) // partial
    expect(indexSql.some((sql) => /lower\(/i.test(sql))).toBe(true) // expression
    expect(indexSql.some((sql) => /^CREATE UNIQUE INDEX/i.test(sql))).toBe(true)
    expect(indexSql.some((sql) => /\(\s*\w+\s*,\s*\w+/.test(sql))).toBe(true) // composite
    const orderItemsPk = db.prepare("SELECT name FROM pragma_table_info('order_items') WHERE pk > 0 ORDER BY pk").all()
    expect(orderItemsPk).toEqual([{ name: 'order_id' }, { name: 'line_no' }])

    const stats = db.prepare('SELECT count(*) AS n FROM sqlite_stat1').get() as { n: bigint }
    expect(stats.n).toBeGreaterThan(0n)
  })

  it('fills the store tables with plausible data', () => {
    const count = (table: string): bigint =>
      (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: bigint }).n
    for (const table of [
      'customers',
      'addresses',
      'categories',
      'suppliers',
      'products',
      'orders',
      'order_items',
      'payments',
      'shipments',
      'reviews',
      'employees',
    ]) {
      expect(count(table), table).toBeGreaterThan(10n)
    }
    const badTotals = db
      .prepare('SELECT count(*) AS n FROM orders WHERE abs(total - (subtotal + shipping_fee + tax)) > 0.011')
      .get() as { n: bigint }
    expect(badTotals.n).toBe(0n)
    const ceo = db.prepare('SELECT count(*) AS n FROM employees WHERE manager_id IS NULL').get() as { n: bigint }
    expect(ceo.n).toBe(1n)
    const email = db.prepare('SELECT email FROM customers WHERE id = 1').get() as { email: string }
    expect(email.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/i)
  })

  it('has a big events table with mixed types', () => {
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: bigint }).n).toBe(BigInt(ROWS))
    const columns = db.prepare("SELECT name FROM pragma_table_info('events')").all()
    expect(columns.length).toBeGreaterThanOrEqual(12)

    // 64-bit integers beyond 2^53 survive exactly when read as BigInt.
    const first = db.prepare('SELECT trace_id FROM events WHERE id = 1').get() as { trace_id: bigint }
    expect(typeof first.trace_id).toBe('bigint')
    expect(first.trace_id).toBe(9_007_199_254_740_993n)
    const extremes = db.prepare('SELECT max(trace_id) AS hi, min(trace_id) AS lo FROM events').get() as {
      hi: bigint
      lo: bigint
    }
    expect(extremes.hi).toBe(9_223_372_036_854_775_807n)
    expect(extremes.lo).toBe(-9_223_372_036_854_775_808n)
    const big = db.prepare('SELECT count(*) AS n FROM events WHERE trace_id > ?').get(TWO_TO_53 + 1n) as { n: bigint }
    const negative = db.prepare('SELECT count(*) AS n FROM events WHERE trace_id < 0').get() as { n: bigint }
    expect(big.n).toBeGreaterThan(1000n)
    expect(negative.n).toBeGreaterThan(1000n)

    // NULL and '' are both present, and distinct, in a text column.
    const label = db
      .prepare("SELECT sum(label IS NULL) AS nulls, sum(label = '') AS empties, count(*) AS total FROM events")
      .get() as { nulls: bigint; empties: bigint; total: bigint }
    expect(label.nulls).toBeGreaterThan(0n)
    expect(label.empties).toBeGreaterThan(0n)

    const types = db
      .prepare(
        `SELECT
           sum(typeof(checksum) = 'blob') AS blobs,
           min(length(checksum)) AS min_blob, max(length(checksum)) AS max_blob,
           sum(typeof(amount) = 'real') AS reals,
           sum(is_mobile NOT IN (0, 1)) AS bad_bools,
           sum(json_valid(properties) = 0) AS bad_json,
           sum(properties IS NULL) AS null_json,
           sum(client_time GLOB '*[+-][0-9][0-9]:[0-9][0-9]') AS offsets,
           min(length(payload)) AS min_payload, max(length(payload)) AS max_payload,
           sum(customer_id IS NULL) AS anonymous
         FROM events`,
      )
      .get() as Record<string, bigint>
    expect(types.blobs).toBeGreaterThan(0n)
    expect(types.min_blob).toBeGreaterThanOrEqual(8n)
    expect(types.max_blob).toBeLessThanOrEqual(32n)
    expect(types.reals).toBeGreaterThan(0n)
    expect(types.bad_bools).toBe(0n)
    expect(types.bad_json).toBe(0n)
    expect(types.null_json).toBeGreaterThan(0n)
    expect(types.offsets).toBeGreaterThan(0n)
    expect(types.min_payload).toBeGreaterThanOrEqual(100n)
    expect(types.max_payload).toBeLessThanOrEqual(400n)
    expect(types.anonymous).toBeGreaterThan(0n)
    const blob = db.prepare('SELECT checksum FROM events WHERE checksum IS NOT NULL LIMIT 1').get() as {
      checksum: unknown
    }
    expect(Buffer.isBuffer(blob.checksum)).toBe(true)
    const occurred = db.prepare('SELECT occurred_at FROM events WHERE id = 1').get() as { occurred_at: string }
    expect(occurred.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('does nothing when the target is up to date, and regenerates with force', () => {
    const before = statSync(first).mtimeMs
    const lines: string[] = []
    const again = generateSampleDb({ out: first, rows: ROWS, log: (line) => lines.push(line) })
    expect(again.skipped).toBe(true)
    expect(again.rows).toBe(ROWS)
    expect(statSync(first).mtimeMs).toBe(before)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/up to date/)

    const forced = generateSampleDb({ out: second, rows: ROWS, force: true, log: () => {} })
    expect(forced.skipped).toBe(false)
    expect(sha256(second)).toBe(sha256(first))
  }, 60_000)

  it('parses its command line', () => {
    expect(parseArgs([])).toEqual({})
    expect(parseArgs(['--out', 'x.db', '--rows', '1_000', '--force'])).toEqual({ out: 'x.db', rows: 1000, force: true })
    expect(parseArgs(['--rows=5'])).toEqual({ rows: 5 })
    expect(() => parseArgs(['--rows', '-3'])).toThrow(/--rows/)
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument/)
  })

  it('runs as a command and prints one line', () => {
    const out = join(dir, 'cli', 'sample.db')
    const run = (...args: string[]): string =>
      execFileSync(process.execPath, [SCRIPT, '--out', out, ...(args.length ? args : ['--rows', '500'])], {
        encoding: 'utf8',
      })
    const created = run().trim().split('\n')
    expect(created).toHaveLength(1)
    expect(created[0]).toContain(out)
    expect(created[0]).toMatch(/500 events in [\d.]+ s/)
    const skipped = run().trim().split('\n')
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatch(/up to date/)

    // An explicit, different row count is not up to date; a temporary file left by a killed run is cleaned up.
    const stale = `${out}-tmp-999999999-dead`
    writeFileSync(stale, 'half a database')
    expect(run('--rows', '600').trim()).toMatch(/600 events in/)
    expect(existsSync(stale)).toBe(false)
    expect(readdirSync(join(dir, 'cli'))).toEqual(['sample.db'])

    const bad = spawnSync(process.execPath, [SCRIPT, '--out', out, '--rows', 'many'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--rows must be a non-negative integer/)
  }, 60_000)
})
