import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_TIMEOUT_CODE } from '../../src/main/drivers/call-timeout'
import type { ConnectionOptions, Driver, DriverConnection } from '../../src/main/drivers/driver'
import { createMysqlDriver } from '../../src/main/drivers/mysql/mysql-driver'
import { createPostgresDriver } from '../../src/main/drivers/postgres/postgres-driver'
import { QuarryFailure } from '../../src/shared/contract'
import type { QuarryError } from '../../src/shared/contract'
import { optionsFromUrl } from '../helpers/postgres-harness'
import { FAULT_ENGINES, eventually } from './engines'
import { freezableProxy } from './freezable-proxy'
import type { FreezableProxy } from './freezable-proxy'

const CALL_TIMEOUT_MS = 800
const CONNECT_TIMEOUT_MS = 1000
/** A call may meet the silent session (call timeout), then a fresh one that never connects, twice (one retry). */
const BOUND_MS = CALL_TIMEOUT_MS + 2 * CONNECT_TIMEOUT_MS + 1500

/** Each engine's driver, its options (to the proxy) and one path down its tree. */
const SETUPS: Record<string, (url: string, port: number) => { driver: Driver; options: ConnectionOptions }> = {
  postgres: (url, port) => ({
    driver: createPostgresDriver(),
    options: { ...optionsFromUrl(url), host: '127.0.0.1', port, ssl: { mode: 'disable' } },
  }),
  mariadb: (url, port) => {
    const parsed = new URL(url)
    const options: ConnectionOptions = {
      engine: 'mysql',
      host: '127.0.0.1',
      port,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    }
    return { driver: createMysqlDriver(), options }
  },
}

/** Runs `call`, which must fail; returns its error and how long it took. */
async function failing(call: () => Promise<unknown>): Promise<{ error: QuarryError; ms: number }> {
  const started = performance.now()
  try {
    await call()
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(QuarryFailure)
    return { error: (thrown as QuarryFailure).error, ms: Math.round(performance.now() - started) }
  }
  throw new Error('the call answered although the server is frozen')
}

for (const engine of FAULT_ENGINES) {
  const skip = engine.sharedUrl ? '' : engine.skipReason
  if (skip) console.log(`[frozen ${engine.label}] not run: ${skip}`)

  describe.skipIf(Boolean(skip))(`a frozen server (a proxy that stops forwarding): ${engine.label}`, () => {
    let proxy: FreezableProxy
    let connection: DriverConnection
    let database = ''
    let schema = ''

    beforeAll(async () => {
      const url = new URL(engine.sharedUrl!)
      proxy = await freezableProxy(url.hostname, Number(url.port))
      const { driver, options } = SETUPS[engine.label]!(engine.sharedUrl!, proxy.port)
      connection = await driver.connect({
        ...options,
        callTimeoutMs: CALL_TIMEOUT_MS,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      })
      database = (await connection.databases())[0]!.name
      schema = (await connection.schemas(database)).find((s) => !s.isSystem)?.name ?? ''
    })
    afterAll(async () => {
      proxy?.thaw()
      await connection?.close()
      await proxy?.close()
    })

    it('every catalog call ends with a clear timeout error in bounded time; the silent session is dropped; calls work again after', async () => {
      const acceptedBefore = proxy.accepted()
      proxy.freeze()
      const first = await failing(() => connection.tables(database, schema))
      console.log(
        `[frozen ${engine.label}] tables: ${first.error.kind} ${first.error.code} after ${first.ms} ms: ${first.error.message}`,
      )
      expect(first.error).toMatchObject({ kind: 'timeout', code: CALL_TIMEOUT_CODE })
      expect(first.error.message).toMatch(/did not answer within 800 ms; its session was closed/)
      expect(first.ms).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 50)
      expect(first.ms).toBeLessThan(BOUND_MS)
      // The session that went silent is closed by Quarry, not kept for the next call.
      expect(await eventually(async () => proxy.closedByClient() >= 1, 1000)).toBe(true)

      const calls: Array<[string, () => Promise<unknown>]> = [
        ['databases', () => connection.databases()],
        ['schemas', () => connection.schemas(database)],
        ['tableSchema', () => connection.tableSchema(database, schema, 'no_such_table')],
        ['ping', () => connection.ping()],
      ]
      for (const [name, call] of calls) {
        const { error, ms } = await failing(call)
        console.log(
          `[frozen ${engine.label}] ${name}: ${error.kind} ${error.code ?? ''} after ${ms} ms: ${error.message}`,
        )
        expect(error.kind).toBe('timeout')
        expect(ms).toBeLessThan(BOUND_MS)
      }

      proxy.thaw()
      const databases = await connection.databases()
      expect(databases.map((d) => d.name)).toContain(database)
      // Answered on a fresh session: a new connection went through the proxy.
      expect(proxy.accepted()).toBeGreaterThan(acceptedBefore)
    }, 60_000)
  })
}
