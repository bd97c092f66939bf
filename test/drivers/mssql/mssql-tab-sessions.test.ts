import { describe, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { SessionHandle } from '../../../src/main/drivers/driver'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import type { MssqlConnection } from '../../../src/main/drivers/mssql/mssql-connection'
import { TRANSACTION_STATE, transactionState } from '../../../src/main/drivers/mssql/mssql-stream'
import { FakeSession, intColumn } from './fake-mssql'
import type { Script } from './fake-mssql'

/** A driver on fake sessions; `maxQuerySessions` caps the pool. Returns every session it opened. */
async function fakeConnection(reply: (sql: string) => Script[] = () => [{ rowsaffected: 1 }], maxQuerySessions = 4) {
  const sessions: FakeSession[] = []
  const driver = createMssqlDriver({
    maxQuerySessions,
    opener: () => async () => {
      const session = new FakeSession(50 + sessions.length, reply)
      sessions.push(session)
      return session
    },
  })
  const connection = (await driver.connect({ engine: 'mssql', host: 'fake' })) as MssqlConnection
  return { connection, sessions }
}

async function drain(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = []
  for await (const item of stream) items.push(item)
  return items
}

/** The session a tab's runs went to (the fake that got its batch). */
const sessionOf = (sessions: FakeSession[], sql: string) => sessions.filter((s) => s.batches.some((b) => b.sql === sql))

describe('SQL Server transaction state', () => {
  it('maps @@TRANCOUNT and XACT_STATE: none, open (nested too), uncommittable', () => {
    expect(transactionState({ n: 0, s: 0 })).toBe('idle')
    expect(transactionState({ n: 1, s: 1 })).toBe('open')
    expect(transactionState({ n: 3, s: 1 })).toBe('open')
    expect(transactionState({ n: 1, s: -1 })).toBe('failed')
    expect(transactionState(undefined)).toBe('idle')
  })
})

describe('SQL Server tab sessions (fake sessions)', () => {
  it('a tab runs every run on its own session, never reset, and asks that session for its transaction', async () => {
    const { connection, sessions } = await fakeConnection()
    const tab = await connection.openSession('shop')
    await drain(connection.stream('BEGIN TRANSACTION', { queryId: 'a', batchSize: 10, session: tab.held }))
    await drain(connection.stream('UPDATE t SET x = 2', { queryId: 'b', batchSize: 10, session: tab.held }))
    const [own] = sessionOf(sessions, 'BEGIN TRANSACTION')
    expect(sessionOf(sessions, 'UPDATE t SET x = 2')).toEqual([own])
    expect(own!.resets).toBe(0) // sp_reset_connection would roll the transaction back
    own!.transaction = { n: 1, s: 1 }
    expect(await tab.transaction()).toBe('open')
    own!.transaction = { n: 1, s: -1 }
    expect(await tab.transaction()).toBe('failed')
    own!.transaction = { n: 0, s: 0 }
    expect(await tab.transaction()).toBe('idle')
    expect(own!.queries.filter((q) => q === TRANSACTION_STATE)).toHaveLength(3)
    await tab.close()
    await connection.close()
  })

  it('tab sessions are outside the pool’s cap: with a cap of 1, three tabs and a pooled query all run', async () => {
    const { connection, sessions } = await fakeConnection(() => [{ recordset: [intColumn('x')] }, { row: [1] }], 1)
    const tabs: SessionHandle[] = []
    for (let i = 0; i < 3; i++) tabs.push(await connection.openSession())
    // The pool's one query session is busy with a run that has not ended…
    const pooled = connection.stream('SELECT 1', { queryId: 'p', batchSize: 10 })[Symbol.asyncIterator]()
    expect((await pooled.next()).value).toMatchObject({ kind: 'statement' })
    // …and every tab still runs at once.
    for (const [i, tab] of tabs.entries()) {
      const items = await drain(
        connection.stream(`SELECT ${i}`, { queryId: `t${i}`, batchSize: 10, session: tab.held }),
      )
      expect(items.at(-1)).toMatchObject({ kind: 'summary' })
    }
    while (!(await pooled.next()).done);
    expect(await connection.execute('SELECT 9')).toMatchObject({ rows: [[1]] })
    const roles = (await connection.sessions()).map((s) => s.role).sort()
    expect(roles).toEqual(['meta', 'query', 'tab', 'tab', 'tab'])
    expect(new Set(sessions.map((s) => s.spid)).size).toBe(sessions.length)
    await Promise.all(tabs.map((tab) => tab.close()))
    expect((await connection.sessions()).map((s) => s.role).sort()).toEqual(['meta', 'query'])
    await connection.close()
  })

  it('closing a tab with an open transaction rolls back, then ends its connection; the connection’s close ends the rest', async () => {
    const { connection, sessions } = await fakeConnection()
    const tab = await connection.openSession()
    const other = await connection.openSession()
    await drain(connection.stream('BEGIN TRANSACTION', { queryId: 'a', batchSize: 10, session: tab.held }))
    const [own] = sessionOf(sessions, 'BEGIN TRANSACTION')
    own!.transaction = { n: 1, s: 1 }
    await tab.close()
    expect(own!.batches.map((b) => b.sql)).toEqual(['BEGIN TRANSACTION', 'ROLLBACK TRANSACTION'])
    expect(own!.closed).toBe(true)
    expect(tab.held.usable).toBe(false)
    expect(await tab.transaction()).toBe('idle')
    await drain(connection.stream('SELECT 1', { queryId: 'b', batchSize: 10, session: other.held }))
    const [second] = sessionOf(sessions, 'SELECT 1')
    expect(second!.closed).toBe(false)
    await connection.close()
    expect(second!.closed).toBe(true)
    expect(sessions.every((s) => s.closed)).toBe(true)
  })

  it('an idle tab is closed without a ROLLBACK', async () => {
    const { connection, sessions } = await fakeConnection()
    const tab = await connection.openSession()
    await drain(connection.stream('SELECT 1', { queryId: 'a', batchSize: 10, session: tab.held }))
    await tab.close()
    const [own] = sessionOf(sessions, 'SELECT 1')
    expect(own!.batches.map((b) => b.sql)).toEqual(['SELECT 1'])
    expect(own!.closed).toBe(true)
    await connection.close()
  })

  it('a tab on a database that cannot be opened fails with a typed error, and holds nothing', async () => {
    const sessions: FakeSession[] = []
    const driver = createMssqlDriver({
      opener: () => async (database) => {
        if (database === 'gone') throw Object.assign(new Error('Login failed'), { loginMessages: [{ number: 4060 }] })
        const session = new FakeSession(60 + sessions.length, () => [])
        sessions.push(session)
        return session
      },
    })
    const connection = (await driver.connect({ engine: 'mssql', host: 'fake' })) as MssqlConnection
    await expect(connection.openSession('gone')).rejects.toMatchObject({ error: { kind: 'not-found', code: '4060' } })
    expect((await connection.sessions()).map((s) => s.role)).toEqual(['meta'])
    await connection.close()
  })

  it('a tab on a closed connection is refused with a typed error', async () => {
    const { connection } = await fakeConnection()
    await connection.close()
    await expect(connection.openSession()).rejects.toMatchObject({ error: { kind: 'connection' } })
  })
})
