import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { MssqlConnection } from '../../../src/main/drivers/mssql/mssql-connection'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import type { ColumnInfo, EditRequest, TableSchema } from '../../../src/shared/contract'
import { EDIT_FIXTURES } from '../../helpers/edit-fixtures'
import type { TestDatabase } from '../../helpers/engine-harness'
import { mssqlHarness, mssqlUrl } from '../../helpers/mssql-harness'
import { collect } from '../../helpers/streams'
import { FakeSession, intColumn } from './fake-mssql'
import type { Script } from './fake-mssql'

const column = (name: string, dataType: string): ColumnInfo => ({
  name,
  dataType,
  nullable: name !== 'id',
  defaultValue: null,
  primaryKeyPosition: name === 'id' ? 1 : null,
  unique: false,
  autoIncrement: false,
  comment: null,
})

const ITEMS: TableSchema = {
  schema: 'dbo',
  name: 'items',
  kind: 'table',
  columns: [column('id', 'int'), column('name', 'nvarchar(20)')],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
  checks: [],
  definition: null,
}

const rename = (id: number, from: string, to: string): EditRequest['changes'][number] => ({
  op: 'update',
  original: { id, name: from },
  set: { name: { value: to } },
})

/**
 * A session under SET NOCOUNT ON, as the fake server plays it: statements send no count at all;
 * `SELECT @@ROWCOUNT` answers `count`; `SELECT @@LOCK_TIMEOUT` answers -1 (no bound).
 */
function nocountServer(count: (sql: string) => number, lockTimeout = true) {
  const sessions: FakeSession[] = []
  const reply = (sql: string): Script[] => {
    if (sql === 'SELECT @@LOCK_TIMEOUT' && !lockTimeout) {
      return [{ error: { message: 'Must declare the scalar variable "@@LOCK_TIMEOUT".', number: 137, class: 15 } }]
    }
    if (sql === 'SELECT @@LOCK_TIMEOUT') return [{ recordset: [intColumn('')] }, { row: [-1] }]
    if (sql.endsWith('; SELECT @@ROWCOUNT')) return [{ recordset: [intColumn('')] }, { row: [count(sql)] }]
    return []
  }
  const driver = createMssqlDriver({
    opener: () => async () => {
      const session = new FakeSession(50 + sessions.length, reply)
      sessions.push(session)
      return session
    },
  })
  return { driver, sessions }
}

describe('SQL Server edits count every statement under SET NOCOUNT ON (fake server)', () => {
  const connect = async (count: (sql: string) => number, lockTimeout = true) => {
    const { driver, sessions } = nocountServer(count, lockTimeout)
    const connection = (await driver.connect({ engine: 'mssql', host: 'fake' })) as MssqlConnection
    vi.spyOn(connection, 'tableSchema').mockResolvedValue(ITEMS)
    return { connection, sessions }
  }

  it('each statement reads its own @@ROWCOUNT: applied although the server sent no count', async () => {
    const { connection, sessions } = await connect(() => 1)
    const request: EditRequest = { target: { schema: 'dbo', table: 'items' }, changes: [rename(1, 'a', 'b')] }
    const outcome = await connection.edits.apply(request, { database: 'shop', manualCommit: false })
    expect(outcome).toMatchObject({ kind: 'applied', statements: 1, committed: true })
    const batches = sessions.flatMap((s) => s.batches.map((b) => b.sql))
    expect(batches).toEqual([
      'SELECT @@LOCK_TIMEOUT',
      'SET LOCK_TIMEOUT 10000',
      'BEGIN TRANSACTION',
      'UPDATE [dbo].[items] SET [name] = @p1 WHERE [id] = CAST(@p2 AS int) AND [name] = @p3; SELECT @@ROWCOUNT',
      'COMMIT TRANSACTION',
      // The session's own bound (-1: wait forever) is given back.
      'SET LOCK_TIMEOUT -1',
    ])
    await connection.close()
  })

  it('a server that refuses the lock-wait setting: the apply runs without the bound', async () => {
    const { connection, sessions } = await connect(() => 1, false)
    const request: EditRequest = { target: { schema: 'dbo', table: 'items' }, changes: [rename(1, 'a', 'b')] }
    const outcome = await connection.edits.apply(request, { database: 'shop', manualCommit: false })
    expect(outcome.kind).toBe('applied')
    const batches = sessions.flatMap((s) => s.batches.map((b) => b.sql))
    expect(batches.filter((sql) => sql.startsWith('SET LOCK_TIMEOUT'))).toEqual([])
    await connection.close()
  })

  it('a count of 0 is still a conflict: everything rolled back', async () => {
    const { connection, sessions } = await connect((sql) => (sql.includes('UPDATE') ? 0 : 1))
    const request: EditRequest = { target: { schema: 'dbo', table: 'items' }, changes: [rename(1, 'a', 'b')] }
    const outcome = await connection.edits.apply(request, { database: 'shop', manualCommit: false })
    expect(outcome.kind).toBe('conflict')
    const batches = sessions.flatMap((s) => s.batches.map((b) => b.sql))
    expect(batches).toContain('ROLLBACK TRANSACTION')
    expect(batches).not.toContain('COMMIT TRANSACTION')
    await connection.close()
  })
})

/** The same on a real SQL Server (QUARRY_TEST_MSSQL_URL): the tab's session has NOCOUNT ON. */
describe.runIf(mssqlUrl())('SQL Server edits under SET NOCOUNT ON (server)', () => {
  const harness = mssqlHarness()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('edits_nocount', EDIT_FIXTURES['mssql']!.setup)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it("the tab's session has NOCOUNT ON: the apply counts each row, and NOCOUNT stays on", async () => {
    const tab = await connection.openSession!(db.name)
    const on = async (sql: string) => (await collect(connection.stream(sql, { batchSize: 10, session: tab.held }))).rows
    try {
      await on('SET NOCOUNT ON')
      const request: EditRequest = {
        target: { schema: db.schema, table: 'items' },
        changes: [
          { op: 'update', original: { id: 1, name: 'one', qty: 10 }, set: { name: { value: 'uno' } } },
          { op: 'insert', values: { id: { value: 9 }, name: { value: 'nine' } } },
        ],
      }
      const outcome = await connection.edits!.apply(request, {
        database: db.name,
        manualCommit: false,
        session: tab.held,
        transaction: await tab.transaction(),
      })
      expect(outcome.kind, JSON.stringify(outcome)).toBe('applied')
      expect(await on('SELECT CAST(@@OPTIONS & 512 AS int)')).toEqual([[512]])
      expect(await on('SELECT name FROM items WHERE id IN (1, 9) ORDER BY id')).toEqual([['uno'], ['nine']])
    } finally {
      await tab.close()
    }
  })
})

if (!mssqlUrl()) {
  console.log('[mssql] NOT RUN: edits under SET NOCOUNT ON on a real server: QUARRY_TEST_MSSQL_URL is not set')
}
