import { describe, expect, it } from 'vitest'
import type { Driver } from '../../../src/main/drivers/driver'
import { QueryService } from '../../../src/main/services/query-service'
import { TabSessions } from '../../../src/main/services/sessions/tab-sessions'
import { recordingClient } from '../recording-client'
import { fakeSessionConnection } from './fake-sessions'

function setup(options: Parameters<typeof fakeSessionConnection>[0] = {}) {
  const fake = fakeSessionConnection(options)
  const sessions = new TabSessions({
    get: async () => fake.connection,
    driverFor: () => ({ engine: 'postgres' }) as Driver,
  })
  const queries = new QueryService()
  const recording = recordingClient()
  let n = 0
  /** Runs `sql` in the tab `tab` the way the query.start handler does; answers its query.end. */
  const run = async (sql: string, tab = 'tab-1', extra: { database?: string; manualCommit?: boolean } = {}) => {
    const queryId = `q${++n}`
    const target = { connectionId: 'c1', ...(extra.database ? { database: extra.database } : {}) }
    const session = sessions.take(recording.client, tab, target)
    queries.start(recording.client, Promise.resolve(fake.connection), 'postgres', {
      queryId,
      sql,
      session,
      manualCommit: extra.manualCommit === true,
    })
    const deadline = Date.now() + 5000
    for (;;) {
      const end = recording.events.find((e) => e.event === 'query.end' && e.payload.queryId === queryId)
      if (end && end.event === 'query.end') return end.payload
      if (Date.now() > deadline) throw new Error('run did not end')
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }
  return { connection: fake.connection, held: fake.sessions, sessions, run, recording }
}

describe('a query tab is a session', () => {
  it('keeps one server session across runs, and reports the transaction the server says is open', async () => {
    const { run, held } = setup()
    const begun = await run('BEGIN; UPDATE t SET a = 1')
    expect(begun.session).toMatchObject({ transaction: 'open', statements: 2, notice: null })
    expect(begun.session!.openedAt).toBeGreaterThan(Date.now() - 5000)
    const more = await run('UPDATE t SET a = 2')
    expect(more.session).toMatchObject({ transaction: 'open', statements: 3, openedAt: begun.session!.openedAt })
    const rolled = await run('ROLLBACK')
    expect(rolled.session).toEqual({ transaction: 'idle', openedAt: null, statements: 0, notice: null })
    expect(held).toHaveLength(1)
    expect(held[0]!.ran).toEqual(['BEGIN', 'UPDATE t SET a = 1', 'UPDATE t SET a = 2', 'ROLLBACK'])
    expect(held[0]!.committed).toBe(0)
  })

  it('gives each tab its own session', async () => {
    const { run, held } = setup()
    await run('BEGIN', 'tab-1')
    const other = await run('SELECT 1', 'tab-2')
    expect(other.session?.transaction).toBe('idle')
    expect(held).toHaveLength(2)
  })

  it('refuses a second run while the tab is running, at once', async () => {
    const { sessions, recording } = setup()
    const first = sessions.take(recording.client, 'tab-1', { connectionId: 'c1' })
    expect(() => sessions.take(recording.client, 'tab-1', { connectionId: 'c1' })).toThrow(/still running/)
    await (await first).release(0)
    const again = await sessions.take(recording.client, 'tab-1', { connectionId: 'c1' })
    await again.release(0)
  })

  it('Commit and Rollback end the open transaction; closing a tab rolls back, never commits', async () => {
    const { run, sessions, recording, held: fake } = setup()
    await run('BEGIN; UPDATE t SET a = 1')
    expect(await sessions.transaction(recording.client, 'tab-1', 'commit')).toMatchObject({ transaction: 'idle' })
    expect(fake[0]!.committed).toBe(1)
    await run('BEGIN; UPDATE t SET a = 2')
    expect(await sessions.close(recording.client, 'tab-1')).toBe(true)
    expect(fake[0]!.closedWith).toBe('open') // the server rolls back what a closed session left open
    expect(fake[0]!.committed).toBe(1)
    expect(sessions.size).toBe(0)
    expect(await sessions.close(recording.client, 'tab-1')).toBe(false)
  })

  it('closing with Commit commits first', async () => {
    const { run, sessions, recording, held: fake } = setup()
    await run('BEGIN; UPDATE t SET a = 1')
    await sessions.close(recording.client, 'tab-1', 'commit')
    expect(fake[0]!.committed).toBe(1)
    expect(fake[0]!.closedWith).toBe('idle')
  })

  it('a Commit that fails on close says the transaction was rolled back', async () => {
    const { run, sessions, recording, held: fake } = setup()
    await run('BEGIN; UPDATE t SET a = 1')
    fake[0]!.failCommit = true
    await expect(sessions.close(recording.client, 'tab-1', 'commit')).rejects.toThrow(
      /Commit failed, so the transaction was rolled back.*violates foreign key constraint/,
    )
    expect(fake[0]!.committed).toBe(0)
    expect(fake[0]!.alive).toBe(false)
  })

  it('a failed transaction is reported as failed until rolled back', async () => {
    const { run } = setup()
    await run('BEGIN')
    expect((await run('FAIL')).session?.transaction).toBe('failed')
    expect((await run('ROLLBACK')).session?.transaction).toBe('idle')
  })

  it('manual-commit mode opens a transaction when none is open, and only then', async () => {
    const { run, held: fake } = setup()
    expect((await run('UPDATE t SET a = 1', 'tab-1', { manualCommit: true })).session?.transaction).toBe('open')
    await run('UPDATE t SET a = 2', 'tab-1', { manualCommit: true })
    expect(fake[0]!.ran).toEqual(['BEGIN', 'UPDATE t SET a = 1', 'UPDATE t SET a = 2'])
  })

  it('a client that goes away ends all its sessions, rolling back', async () => {
    const { run, sessions, recording, held: fake } = setup()
    await run('BEGIN', 'tab-1')
    await run('BEGIN', 'tab-2')
    recording.disconnect()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fake.map((s) => s.alive)).toEqual([false, false])
    expect(fake.map((s) => s.committed)).toEqual([0, 0])
    expect(sessions.size).toBe(0)
  })

  it('a lost session is replaced, and the user is told once that its transaction was rolled back', async () => {
    const { run, held: fake } = setup()
    await run('BEGIN')
    fake[0]!.alive = false
    const next = await run('SELECT 1')
    expect(next.session?.notice).toMatch(/rolled the transaction back, nothing of it was committed/)
    expect(next.session?.transaction).toBe('idle')
    expect(fake).toHaveLength(2)
    expect(fake[0]!.closedWith).not.toBeNull() // what was left of the lost session was closed
    expect((await run('SELECT 1')).session?.notice).toBeNull()
  })

  it('a tab moved to another database gets a new session; the old one is rolled back', async () => {
    const { run, held: fake } = setup()
    await run('BEGIN', 'tab-1', { database: 'a' })
    await run('SELECT 1', 'tab-1', { database: 'b' })
    expect(fake.map((s) => [s.database, s.alive, s.committed])).toEqual([
      ['a', false, 0],
      ['b', true, 0],
    ])
  })

  it('closing a tab while it runs ends the session after the run, not under it', async () => {
    const { sessions, recording, held: fake } = setup()
    const lease = await sessions.take(recording.client, 'tab-1', { connectionId: 'c1' })
    const closing = sessions.close(recording.client, 'tab-1')
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fake[0]!.alive).toBe(true)
    await lease.release(0)
    await closing
    expect(fake[0]!.alive).toBe(false)
  })

  it('a session that cannot open fails the run with the error, and the tab can run again', async () => {
    let fail = true
    const { run } = setup({ failOpen: () => fail })
    const failed = await run('SELECT 1')
    expect(failed.outcome).toBe('error')
    expect(failed.error?.message).toMatch(/connection refused/)
    fail = false
    expect((await run('SELECT 1')).outcome).toBe('done')
  })
})
