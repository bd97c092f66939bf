import type { DriverConnection } from '../drivers/driver'

/** The catalog reads that opening one table asks for several times at once (its page plan, links, editing). */
const COALESCED = ['tableSchema'] as const

/**
 * The connection with identical catalog reads that are in flight at the same moment answered by
 * one read: opening a table asks its structure three times at once (main's page plan, the grid's
 * key links, its editing), which an engine process or a busy server then runs three times. Only
 * concurrent calls are joined (a read that has ended is never reused), so each answer is as fresh
 * as a call of its own would be. Callers treat the answer as read-only data.
 */
export function coalesceCatalog<C extends DriverConnection>(connection: C): C {
  for (const name of COALESCED) {
    if (typeof connection[name] !== 'function') continue
    const read = connection[name].bind(connection) as (...args: unknown[]) => Promise<unknown>
    const running = new Map<string, Promise<unknown>>()
    const joined = (...args: unknown[]): Promise<unknown> => {
      const key = JSON.stringify(args)
      const pending = running.get(key)
      if (pending) return pending
      const started = read(...args).finally(() => running.delete(key))
      running.set(key, started)
      return started
    }
    Object.defineProperty(connection, name, { value: joined, configurable: true, writable: true })
  }
  return connection
}
