import { describe, expect, it } from 'vitest'
import { decodeRows } from '../../../src/shared/contract'
import type { StreamItem } from '../../../src/main/drivers/driver'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import type { MssqlConnection } from '../../../src/main/drivers/mssql/mssql-connection'
import { FakeSession, intColumn } from './fake-mssql'
import type { Script } from './fake-mssql'

/** A driver whose sessions are fakes answering with `reply`; returns the sessions it opened too. */
async function fakeConnection(reply: (sql: string) => Script[]) {
  const sessions: FakeSession[] = []
  const driver = createMssqlDriver({
    opener: () => async () => {
      const session = new FakeSession(50 + sessions.length, reply)
      sessions.push(session)
      return session
    },
  })
  const connection = (await driver.connect({ engine: 'mssql', host: 'fake' })) as MssqlConnection
  return { connection, sessions }
}

async function collect(stream: AsyncIterable<StreamItem>): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const item of stream) out.push(item.kind === 'rows' ? { rows: decodeRows(item.rows) } : item)
  return out
}

const rows = (n: number): Script[] => Array.from({ length: n }, (_, i) => ({ row: [i] }))

describe('SQL Server streaming (fake sessions)', () => {
  it('sends a table query with its values as @p parameters, apart from the text', async () => {
    const { connection, sessions } = await fakeConnection(() => [{ recordset: [intColumn('id')] }, ...rows(1)])
    const driver = createMssqlDriver()
    const built = driver.tableQuery({
      schema: 'dbo',
      table: 'people',
      where: '',
      conditions: [{ column: 'name', op: '=', value: "\\' OR 1=1 --" }],
      sort: [],
    })
    await collect(connection.stream(built.sql, { queryId: 'q', batchSize: 10, params: built.params }))
    await collect(connection.stream('SELECT 1', { queryId: 'plain', batchSize: 10 }))
    const session = sessions.find((s) => s.batches.length > 0)!
    expect(session.batches.map((b) => b.sql)).toEqual(['SELECT * FROM [dbo].[people] WHERE [name] = @p1', 'SELECT 1'])
    expect(session.batchParams).toEqual([["\\' OR 1=1 --"], undefined])
    await connection.close()
  })

  it('turns each result set and each row count of a batch into its own statement', async () => {
    const { connection } = await fakeConnection(() => [
      { recordset: [intColumn('a')] },
      ...rows(2),
      { rowsaffected: 2 },
      { rowsaffected: 5 },
      { recordset: [intColumn('b')] },
      { row: [null] },
    ])
    const items = await collect(
      connection.stream('SELECT 1; UPDATE t SET x = 1; SELECT 2', { queryId: 'q', batchSize: 10 }),
    )
    const sql = 'SELECT 1; UPDATE t SET x = 1; SELECT 2'
    expect(items).toEqual([
      { kind: 'statement', index: 0, offset: 0, sql },
      { kind: 'columns', columns: [{ name: 'a', type: 'int' }] },
      { rows: [[0], [1]] },
      { kind: 'summary', affectedRows: null },
      { kind: 'statement', index: 1, offset: 0, sql },
      { kind: 'columns', columns: [] },
      { kind: 'summary', affectedRows: 5 },
      { kind: 'statement', index: 2, offset: 0, sql },
      { kind: 'columns', columns: [{ name: 'b', type: 'int' }] },
      { rows: [[null]] },
      { kind: 'summary', affectedRows: null },
    ])
    await connection.close()
  })

  it('runs GO batches in order on one session, GO n n times, and resets the session afterwards', async () => {
    const { connection, sessions } = await fakeConnection(() => [{ rowsaffected: 1 }])
    const script = 'INSERT t DEFAULT VALUES\nGO 3\nCREATE TABLE #x (a int)\nGO'
    const items = (await collect(connection.stream(script, { queryId: 'q', batchSize: 10 }))) as StreamItem[]
    const markers = items.filter((item) => item.kind === 'statement')
    expect(markers.map((m) => [m.index, m.offset])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, script.indexOf('CREATE')],
    ])
    const query = sessions.find((s) => s.batches.length > 0)!
    expect(query.batches.map((b) => b.sql)).toEqual([
      'INSERT t DEFAULT VALUES',
      'INSERT t DEFAULT VALUES',
      'INSERT t DEFAULT VALUES',
      'CREATE TABLE #x (a int)',
    ])
    expect(query.resets).toBe(1)
    await connection.close()
  })

  it('reports a batch that returns and counts nothing as done with 0 rows affected', async () => {
    const { connection } = await fakeConnection(() => [])
    const items = await collect(connection.stream('SET NOCOUNT ON', { queryId: 'q', batchSize: 10 }))
    expect(items.slice(1)).toEqual([
      { kind: 'columns', columns: [] },
      { kind: 'summary', affectedRows: 0 },
    ])
    await connection.close()
  })

  it('pauses the request while a full batch waits for the consumer (pull-based)', async () => {
    const { connection, sessions } = await fakeConnection(() => [{ recordset: [intColumn('n')] }, ...rows(1000)])
    const iterator = connection.stream('SELECT n FROM big', { queryId: 'q', batchSize: 100 })[Symbol.asyncIterator]()
    let item = await iterator.next()
    while (!item.done && item.value.kind !== 'rows') item = await iterator.next()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const batch = sessions.flatMap((s) => s.batches)[0]!
    expect(batch.paused).toBe(true)
    expect(connection.rowsFetched).toBeLessThanOrEqual(300) // the held batch, the next one, no more
    let total = 100
    for (item = await iterator.next(); !item.done; item = await iterator.next()) {
      if (item.value.kind === 'rows') total += item.value.count
    }
    expect(total).toBe(1000)
    await connection.close()
  })

  it('shows what the batch returned, then fails with its first error, placed on its line', async () => {
    const error = { message: "Incorrect syntax near 'FORM'.", number: 102, lineNumber: 2, class: 15 }
    const { connection } = await fakeConnection((sql) =>
      sql.startsWith('SELECT 1') ? [{ recordset: [intColumn('a')] }, { row: [1] }, { error }] : [],
    )
    const script = 'PRINT 1\nGO\nSELECT 1\nSELECT * FORM t\nGO\nSELECT 3'
    const seen: StreamItem[] = []
    let failure: unknown = null
    try {
      for await (const item of connection.stream(script, { queryId: 'q', batchSize: 10 })) seen.push(item)
    } catch (thrown) {
      failure = thrown
    }
    expect(seen.filter((item) => item.kind === 'rows')).toHaveLength(1)
    expect((failure as { error: unknown }).error).toEqual({
      kind: 'syntax',
      message: "Incorrect syntax near 'FORM'.",
      code: '102',
      engine: 'mssql',
      position: script.indexOf('FORM') + 1,
    })
    // The third batch never ran.
    expect(seen.filter((item) => item.kind === 'statement').map((s) => (s as { sql: string }).sql)).toEqual([
      'PRINT 1',
      'SELECT 1\nSELECT * FORM t',
    ])
    await connection.close()
  })
})
