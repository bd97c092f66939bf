import mssql from 'mssql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { MssqlConnection } from '../../../src/main/drivers/mssql/mssql-connection'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import { resolveTarget } from '../../../src/main/drivers/mssql/mssql-options'
import { decodeRows } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { mssqlHarness, mssqlUrl } from '../../helpers/mssql-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'
import { QuarryFailure } from '../../../src/shared/contract'

/**
 * SQL Server only, against QUARRY_TEST_MSSQL_URL (test/setup/mssql-server.ts prints the one line
 * saying why when it is not set): cancel seen from the server, GO batches, several result sets,
 * PRINT/RAISERROR messages, a tab's transaction as XACT_STATE reports it.
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

  it('puts PRINT and RAISERROR ≤ 10 on the statement they came before; later ones are "Messages"', async () => {
    const items: StreamItem[] = []
    const batch = "PRINT 'hello'; RAISERROR('careful', 10, 1); SELECT 1 AS one; PRINT 'bye'"
    for await (const item of connection.stream(batch, { queryId: 'messages', batchSize: 10 })) items.push(item)
    expect(items.filter((i) => i.kind === 'summary')).toEqual([
      {
        kind: 'summary',
        affectedRows: null,
        messages: [
          { severity: 'info', text: 'hello' },
          { severity: 'notice', text: 'careful', code: '50000' },
        ],
      },
      { kind: 'summary', affectedRows: null, command: 'Messages', messages: [{ severity: 'info', text: 'bye' }] },
    ])
  })

  it('a tab keeps its transaction across runs, open after an error, rolled back by the server when uncommittable', async () => {
    const tab = await connection.openSession(db.name)
    const run = (sql: string) => collect(connection.stream(sql, { batchSize: 10, session: tab.held }))
    const codeOf = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: unknown) => (error instanceof QuarryFailure ? error.error.code : String(error)),
      )
    const count = async () => (await connection.execute('SELECT COUNT(*) FROM t WHERE n = 7')).rows
    try {
      await run('BEGIN TRANSACTION; INSERT INTO t VALUES (7)')
      expect(await tab.transaction()).toBe('open')
      expect(await codeOf(run('SELECT 1 / 0'))).toBe('8134') // XACT_ABORT off: the transaction stays open
      expect(await tab.transaction()).toBe('open')
      expect((await run('SELECT COUNT(*) FROM t WHERE n = 7')).rows).toEqual([[1]])
      const doomed = 'SET XACT_ABORT ON; BEGIN TRY SELECT 1 / 0 END TRY BEGIN CATCH SELECT XACT_STATE() AS s END CATCH'
      expect(await codeOf(run(doomed))).toBe('3998') // uncommittable at the batch's end: rolled back
      expect(await tab.transaction()).toBe('idle')
      expect(await count()).toEqual([[0]])
      expect(tab.held.usable).toBe(true)
    } finally {
      await tab.close()
    }
    expect((await connection.sessions()).filter((s) => s.role === 'tab')).toEqual([])
  })

  it('places an error on its line in the script', async () => {
    const script = 'SELECT 1\nGO\nSELECT 1\nSELECT * FORM t'
    const error = await failureOf(connection.execute(script), 'syntax')
    expect(error.code).toBe('102')
    expect(error.position).toBe(script.indexOf('FORM') + 1)
  })
})
