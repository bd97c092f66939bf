import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection, StreamItem } from '../../../src/main/drivers/driver'
import type { TestDatabase } from '../../helpers/engine-harness'
import { postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'

const items = async (stream: AsyncIterable<StreamItem>) => {
  const out: StreamItem[] = []
  for await (const item of stream) out.push(item)
  return out
}

describe.skipIf(!postgresUrl())('postgres: scripts, errors and sessions', () => {
  const harness = postgresHarness()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('scripts', [
      'CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(12, 2) NOT NULL)',
      "INSERT INTO accounts VALUES (1, 'ada', 100), (2, 'alan', 50)",
      'CREATE TABLE parents (id int PRIMARY KEY)',
      'CREATE TABLE children (parent int REFERENCES parents DEFERRABLE INITIALLY DEFERRED)',
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('reports positions in the whole script, with the SQLSTATE', async () => {
    const script = 'SELECT 1;\n  SELECT owner, nope FROM accounts'
    const error = await failureOf(collect(connection.stream(script, { queryId: 'position', batchSize: 10 })), 'syntax')
    expect(error).toMatchObject({ code: '42703', engine: 'postgres', position: script.indexOf('nope') + 1 })
    expect(error.message).toMatch(/^column "nope" does not exist/)
  })

  it('maps constraint and data errors to invalid-input, with the server detail', async () => {
    const duplicate = await failureOf(connection.execute("INSERT INTO accounts VALUES (1, 'x', 0)"), 'invalid-input')
    expect(duplicate.code).toBe('23505')
    expect(duplicate.message).toContain('\nDETAIL: Key (id)=(1) already exists.')
    await failureOf(connection.execute('SELECT 1 / 0'), 'invalid-input')
  })

  it('reports an error raised at commit against the statement that caused it', async () => {
    const error = await failureOf(connection.execute('INSERT INTO children VALUES (42)'), 'invalid-input')
    expect(error.code).toBe('23503')
    expect((await connection.execute('SELECT count(*) FROM children')).rows).toEqual([[0]])
  })

  it('runs a transaction across statements, and rolls back one a run leaves open', async () => {
    const script = [
      'BEGIN',
      'UPDATE accounts SET balance = balance - 10 WHERE id = 1',
      'UPDATE accounts SET balance = balance + 10 WHERE id = 2',
      'SELECT sum(balance) AS total, txid_current_if_assigned() IS NOT NULL AS in_tx FROM accounts',
      'COMMIT',
    ].join(';\n')
    const run = await items(connection.stream(script, { queryId: 'tx', batchSize: 10 }))
    expect(run.filter((i) => i.kind === 'summary').map((i) => i.affectedRows)).toEqual([0, 1, 1, null, 0])
    expect((await connection.execute('SELECT balance FROM accounts ORDER BY id')).rows).toEqual([['90.00'], ['60.00']])

    await connection.execute("BEGIN; UPDATE accounts SET owner = 'nobody'")
    expect((await connection.execute("SELECT count(*) FROM accounts WHERE owner = 'nobody'")).rows).toEqual([[0]])
    await failureOf(connection.execute('BEGIN; SELECT 1 / 0'), 'invalid-input')
    expect((await connection.execute('SELECT 1')).rows).toEqual([[1]])
  })

  it('keeps session settings and temporary tables within their run', async () => {
    const set = await connection.execute(
      'SET search_path = pg_catalog; CREATE TEMP TABLE scratch (n int); SHOW search_path',
    )
    expect(set.rows).toEqual([['pg_catalog']])
    expect((await connection.execute('SHOW search_path')).rows).toEqual([['"$user", public']])
    await failureOf(connection.execute('SELECT * FROM scratch'), 'syntax')
  })

  it('runs statements without rows, COPY included, as commands with their counts', async () => {
    const copy = await collect(connection.stream('COPY accounts TO STDOUT', { queryId: 'copy-out', batchSize: 10 }))
    expect(copy.affectedRows).toBe(2)
    const error = await failureOf(connection.execute('COPY accounts FROM STDIN'), 'invalid-input')
    expect(error.message).toMatch(/COPY FROM STDIN is not supported/)
    expect((await connection.execute('DO $$ BEGIN PERFORM 1; END $$')).affectedRows).toBe(0)
  })

  it('returns rows of DML with RETURNING, and runs EXPLAIN', async () => {
    const returning = await connection.execute(
      "UPDATE accounts SET owner = owner || '!' WHERE id = 2 RETURNING id, owner",
    )
    expect(returning).toMatchObject({ rows: [[2, 'alan!']], affectedRows: null })
    const plan = await connection.execute('EXPLAIN SELECT * FROM accounts')
    expect(plan.columns).toEqual([{ name: 'QUERY PLAN', type: 'text' }])
  })

  it('says what lacks permission', async () => {
    const admin = await harness.admin()
    await admin.query('DROP ROLE IF EXISTS quarry_reader')
    await admin.query("CREATE ROLE quarry_reader LOGIN PASSWORD 'reader-password'")
    try {
      const reader = await harness
        .driver()
        .connect({ ...db.options, user: 'quarry_reader', password: 'reader-password' })
      try {
        const error = await failureOf(reader.execute('SELECT * FROM accounts'), 'permission')
        expect(error).toMatchObject({ code: '42501', message: 'permission denied for table accounts' })
      } finally {
        await reader.close()
      }
    } finally {
      await admin.query(`REVOKE ALL ON DATABASE "${db.name}" FROM quarry_reader`)
      await admin.query('DROP ROLE quarry_reader')
    }
  })

  it('answers catalog calls after its metadata session was ended by the server', async () => {
    const admin = await harness.admin()
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'Quarry'",
      [db.name],
    )
    expect((await connection.tables(db.name, 'public')).map((t) => t.name)).toContain('accounts')
    expect((await connection.execute('SELECT 1')).rows).toEqual([[1]])
    // Sessions ended while idle are dropped, not counted against the pool forever.
    for (let round = 0; round < 6; round++) {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'Quarry'",
        [db.name],
      )
      await sleep(20)
      expect((await connection.execute('SELECT 2')).rows).toEqual([[2]])
    }
  })

  it('runs queries on another database of the server in their own sessions', async () => {
    const here = await connection.execute('SELECT current_database()')
    const there = await connection.execute('SELECT current_database()', { database: 'postgres' })
    expect(here.rows).toEqual([[db.name]])
    expect(there.rows).toEqual([['postgres']])
  })
})
