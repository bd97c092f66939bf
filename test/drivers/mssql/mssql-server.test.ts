import mssql from 'mssql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { MssqlConnection } from '../../../src/main/drivers/mssql/mssql-connection'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import { resolveTarget } from '../../../src/main/drivers/mssql/mssql-options'
import { decodeRows } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { mssqlHarness, mssqlUrl } from '../../helpers/mssql-harness'
import { failureOf, sleep } from '../../helpers/streams'

/**
 * SQL Server only, against QUARRY_TEST_MSSQL_URL (test/setup/mssql-server.ts prints the one line
 * saying why when it is not set): cancel seen from the server, GO batches, several result sets.
 */
describe.skipIf(!mssqlUrl())('mssql: against a real server', () => {
  const harness = mssqlHarness()
  let db: TestDatabase
  let connection: MssqlConnection
  let watcher: mssql.ConnectionPool

  /** The requests the server is running for a session, from sys.dm_exec_requests. */
  const requestsOf = async (spid: number) =>
    (
      await watcher
        .request()
        .input('spid', mssql.Int, spid)
        .query<{ command: string }>('SELECT command FROM sys.dm_exec_requests WHERE session_id = @spid')
    ).recordset

  beforeAll(async () => {
    db = await harness.createDatabase('server', ['CREATE TABLE t (n INT)'])
    connection = (await createMssqlDriver().connect(db.options)) as MssqlConnection
    watcher = await new mssql.ConnectionPool(resolveTarget(db.options).config(db.name, [])).connect()
  })
  afterAll(async () => {
    await watcher?.close()
    await connection?.close()
    await harness.cleanup()
  })

  it('cancel sends attention: the request is gone from sys.dm_exec_requests and the session runs the next query', async () => {
    const controller = new AbortController()
    const iterator = connection
      .stream("WAITFOR DELAY '00:10:00'", { queryId: 'wait', batchSize: 10, signal: controller.signal })
      [Symbol.asyncIterator]()
    const pending = iterator.next()
    pending.catch(() => {})
    let spid = -1
    for (let i = 0; i < 100 && spid < 0; i++) {
      await sleep(50)
      for (const session of await connection.sessions()) {
        if (session.role === 'query' && (await requestsOf(session.spid)).some((r) => r.command === 'WAITFOR'))
          spid = session.spid
      }
    }
    expect(spid).toBeGreaterThan(0)
    const started = performance.now()
    controller.abort()
    await failureOf(pending, 'cancelled')
    console.log(`[mssql] cancel → cancelled after ${(performance.now() - started).toFixed(1)} ms`)
    expect(await requestsOf(spid)).toEqual([])
    const after = await connection.execute('SELECT @@SPID AS spid')
    expect(after.rows).toEqual([[spid]]) // the same session, usable after its attention
  })

  it('runs GO batches on one session, GO n n times, #temp tables across them', async () => {
    const script = 'CREATE TABLE #n (i INT)\nGO\nINSERT INTO #n VALUES (1)\ngo 3\nSELECT COUNT(*) AS c FROM #n'
    const result = await connection.execute(script)
    expect(result.rows).toEqual([[3]])
    // The next run starts clean: sp_reset_connection dropped the temp table.
    await failureOf(connection.execute('SELECT * FROM #n'), 'syntax')
  })

  it('streams each result set and row count of one batch as its own statement', async () => {
    const items: StreamItem[] = []
    const batch = "SELECT 1 AS a; INSERT INTO t VALUES (1), (2); SELECT 'x' AS b, NULL AS c, '' AS d"
    for await (const item of connection.stream(batch, { queryId: 'multi', batchSize: 10 })) items.push(item)
    expect(items.map((i) => i.kind)).toEqual([
      ...['statement', 'columns', 'rows', 'summary'],
      ...['statement', 'columns', 'summary'],
      ...['statement', 'columns', 'rows', 'summary'],
    ])
    const rows = items.flatMap((i) => (i.kind === 'rows' ? [decodeRows(i.rows)] : []))
    expect(rows).toEqual([[[1]], [['x', null, '']]])
    expect(items.filter((i) => i.kind === 'summary').map((i) => i.affectedRows)).toEqual([null, 2, null])
  })

  it('places an error on its line in the script', async () => {
    const script = 'SELECT 1\nGO\nSELECT 1\nSELECT * FORM t'
    const error = await failureOf(connection.execute(script), 'syntax')
    expect(error.code).toBe('102')
    expect(error.position).toBe(script.indexOf('FORM') + 1)
  })
})
