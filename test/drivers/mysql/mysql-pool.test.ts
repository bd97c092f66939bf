import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { MysqlClient } from '../../../src/main/drivers/mysql/mysql-client'
import { SessionPool } from '../../../src/main/drivers/mysql/mysql-pool'
import { failureOf } from '../../helpers/streams'

/** A stand-in for a mysql2 connection: the pool only opens, watches, ends and destroys them. */
class FakeClient extends EventEmitter {
  static opened = 0
  readonly threadId = ++FakeClient.opened
  destroyed = false
  ended = false
  destroy() {
    this.destroyed = true
  }
  end(callback?: () => void) {
    this.ended = true
    callback?.()
  }
}

const poolOf = (limits = { query: 2, meta: 1, control: 1 }) => {
  const clients: FakeClient[] = []
  const pool = new SessionPool(
    async () => {
      const client = new FakeClient()
      clients.push(client)
      return client as unknown as MysqlClient
    },
    { ...limits, tab: 4 },
  )
  return { pool, clients }
}

describe('mysql: session pool', () => {
  it('opens up to the limit per role, then queues; a release hands the session to the next in line', async () => {
    const { pool, clients } = poolOf()
    const a = await pool.acquire('query')
    const b = await pool.acquire('query')
    const meta = await pool.acquire('meta') // roles never wait for each other
    expect(clients).toHaveLength(3)
    let third: unknown = null
    const waiting = pool.acquire('query').then((s) => (third = s))
    await Promise.resolve()
    expect(third).toBeNull()
    pool.release(a)
    await waiting
    expect(third).toBe(a)
    pool.release(b)
    expect(await pool.acquire('query')).toBe(b) // idle sessions are reused
    pool.release(meta)
  })

  it('ends a wait when its signal aborts, with cancelled', async () => {
    const { pool } = poolOf({ query: 1, meta: 1, control: 1 })
    await pool.acquire('query')
    const controller = new AbortController()
    const waiting = pool.acquire('query', controller.signal)
    controller.abort()
    await failureOf(waiting, 'cancelled')
    await failureOf(pool.acquire('query', AbortSignal.abort()), 'cancelled')
  })

  it('drops dead sessions and lets a waiter open a new one in their place', async () => {
    const { pool, clients } = poolOf({ query: 1, meta: 1, control: 1 })
    const first = await pool.acquire('query')
    const waiting = pool.acquire('query')
    clients[0]!.emit('end') // the server closed it
    pool.release(first)
    const next = await waiting
    expect(next).not.toBe(first)
    expect(clients[0]!.destroyed).toBe(true)
    expect(pool.all()).toEqual([next])
  })

  it('closes idle sessions politely, cuts busy ones, and refuses new work', async () => {
    const { pool, clients } = poolOf({ query: 2, meta: 1, control: 1 })
    const busy = await pool.acquire('query')
    const idle = await pool.acquire('query')
    pool.release(idle)
    await pool.acquire('meta')
    const waiter = pool.acquire('meta')
    await pool.close()
    const client = (session: { threadId: number }) => clients.find((c) => c.threadId === session.threadId)
    expect(client(busy)).toMatchObject({ destroyed: true })
    expect(client(idle)).toMatchObject({ ended: true, destroyed: false })
    await failureOf(waiter, 'connection')
    await failureOf(pool.acquire('query'), 'connection')
  })
})
