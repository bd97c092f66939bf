import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf } from '../helpers/streams'
import { engines } from './engines'

/**
 * A read-only connection is enforced by the engine's session (PostgreSQL
 * default_transaction_read_only, MySQL SESSION TRANSACTION READ ONLY, SQLite's read-only open),
 * not by looking at the SQL: writes fail with a permission error, reads work.
 */
describe.each(engines.map((make) => [make().engine, make] as const))('%s: read-only connections', (_engine, make) => {
  const harness = make()
  const driver = harness.driver()
  let db: TestDatabase

  beforeAll(async () => {
    db = await harness.createDatabase('readonly', ['CREATE TABLE t (x INTEGER)', 'INSERT INTO t VALUES (1)'])
  })
  afterAll(() => harness.cleanup())

  it('reads, and refuses every kind of write with a clear permission error', async () => {
    const connection = await driver.connect({ ...db.options, readOnly: true })
    try {
      const read = await collect(
        connection.stream('SELECT x FROM t', { queryId: 'r', batchSize: 10, database: db.name }),
      )
      expect(read.rows).toEqual([[1]])
      for (const sql of [
        'INSERT INTO t VALUES (2)',
        'DELETE FROM t',
        'UPDATE t SET x = 3',
        'CREATE TABLE u (y INTEGER)',
      ]) {
        const error = await failureOf(
          collect(connection.stream(sql, { queryId: sql, batchSize: 10, database: db.name })),
          'permission',
        )
        expect(error.message, sql).toMatch(/read.only|readonly/i)
      }
      // Every pooled session of the connection is read-only, not just the first one.
      const both = await Promise.all([
        failureOf(connection.execute('INSERT INTO t VALUES (4)', { database: db.name }), 'permission'),
        failureOf(connection.execute('INSERT INTO t VALUES (5)', { database: db.name }), 'permission'),
      ])
      expect(both).toHaveLength(2)
    } finally {
      await connection.close()
    }
    // Nothing was written, as a writable connection sees.
    const writable = await driver.connect(db.options)
    try {
      expect((await writable.execute('SELECT x FROM t', { database: db.name })).rows).toEqual([[1]])
    } finally {
      await writable.close()
    }
  })
})
