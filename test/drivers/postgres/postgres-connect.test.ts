import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import type { ConnectionOptions } from '../../../src/main/drivers/driver'
import type { SslMode } from '../../../src/shared/contract'
import { postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { freePort } from '../../helpers/postgres-server'
import { failureOf } from '../../helpers/streams'

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = []
  const server = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as { port: number }).port, server, sockets }
}

describe.skipIf(!postgresUrl())('postgres: connecting', () => {
  const harness = postgresHarness()
  const driver = harness.driver()
  // The throwaway server has TLS off, which is what these cases are about.
  const local = () => {
    const options = harness.serverOptions()
    return { ...options, ssl: { mode: 'disable' as SslMode } }
  }
  const withSsl = (mode: SslMode, caFile?: string): ConnectionOptions => ({ ...local(), ssl: { mode, caFile } })
  /** These cases need a server without TLS (the throwaway one); a managed server may have it on. */
  const skipUnlessTlsOff = async (context: { skip(note?: string): void }) => {
    const { rows } = await (await harness.admin()).query<{ ssl: string }>('SHOW ssl')
    if (rows[0]?.ssl !== 'off') context.skip('the test server has TLS on')
  }

  afterAll(() => harness.cleanup())

  it('ssl prefer falls back to a plain connection when the server has no TLS', async (context) => {
    await skipUnlessTlsOff(context)
    for (const mode of ['disable', 'prefer'] as const) {
      const connection = await driver.connect(withSsl(mode))
      expect((await connection.execute('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows).toEqual([
        [false],
      ])
      // Every session of the connection gets through, not just the first.
      expect((await connection.execute('SELECT 1', { database: 'template1' })).rows).toEqual([[1]])
      await connection.close()
    }
  })

  it('ssl require, verify-ca and verify-full fail with a clear message', async (context) => {
    await skipUnlessTlsOff(context)
    for (const mode of ['require', 'verify-ca', 'verify-full'] as const) {
      const error = await failureOf(driver.connect(withSsl(mode)), 'connection')
      expect(error.message).toMatch(new RegExp(`does not accept TLS connections, and SSL mode "${mode}" requires TLS`))
    }
  })

  it('rejects a CA file that cannot be read', async () => {
    const error = await failureOf(driver.connect(withSsl('verify-full', '/no/such/ca.pem')), 'invalid-input')
    expect(error.message).toContain('/no/such/ca.pem')
  })

  it('says when nothing listens on the port', async () => {
    const error = await failureOf(
      driver.connect({ ...local(), host: '127.0.0.1', port: await freePort() }),
      'connection',
    )
    expect(error).toMatchObject({ code: 'ECONNREFUSED', engine: 'postgres' })
    expect(error.message).toMatch(/^Connection refused by 127\.0\.0\.1:\d+/)
  })

  it('says when the password is wrong, or missing', async () => {
    const wrong = await failureOf(driver.connect({ ...local(), password: 'not-the-password' }), 'permission')
    expect(wrong.code).toBe('28P01')
    expect(wrong.message).toMatch(/^Wrong password for user "\w+"/)
    const none = await failureOf(driver.connect({ ...local(), password: undefined }), 'permission')
    expect(none.message).toMatch(/asks for a password/)
  })

  it('says when the database does not exist', async () => {
    const error = await failureOf(driver.connect({ ...local(), database: 'no_such_db' }), 'connection')
    expect(error).toMatchObject({ code: '3D000' })
    expect(error.message).toMatch(/^Database "no_such_db" does not exist on /)
  })

  it('gives up after the connect timeout on a server that does not answer', async () => {
    const silent = await silentServer()
    try {
      const t0 = performance.now()
      const error = await failureOf(
        driver.connect({ ...local(), host: '127.0.0.1', port: silent.port, connectTimeoutMs: 300 }),
        'timeout',
      )
      expect(performance.now() - t0).toBeLessThan(2_000)
      expect(error.message).toBe(`No answer from 127.0.0.1:${silent.port} within 0.3 s (connect timeout)`)
    } finally {
      for (const socket of silent.sockets) socket.destroy()
      silent.server.close()
    }
  })

  it('says when the host name does not resolve', async () => {
    const error = await driver.connect({ ...local(), host: 'no-such-host.invalid', connectTimeoutMs: 5_000 }).then(
      () => null,
      (thrown: { error: { kind: string; message: string } }) => thrown.error,
    )
    // Without a resolver that answers, the lookup runs into the connect timeout instead.
    expect(['connection', 'timeout']).toContain(error?.kind)
    expect(error?.message).toMatch(/no-such-host\.invalid|within 5 s/)
  })
})
