import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterAll, expect, it } from 'vitest'
import { describeMysql } from '../../helpers/mariadb-harness'
import { freePort } from '../../helpers/mariadb-server'
import { failureOf } from '../../helpers/streams'

describeMysql('mysql: connecting', (harness) => {
  const driver = harness.driver()
  const sockets: Socket[] = []
  let silent: Server | null = null

  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy())
    await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)))
    await harness.cleanup()
  })

  it('says nothing listens when the port is closed', async () => {
    const port = await freePort()
    const error = await failureOf(driver.connect({ ...harness.options(), port }), 'connection')
    expect(error.message).toBe(
      `Could not connect to 127.0.0.1:${port}: connection refused (is the server running and listening there?)`,
    )
    expect(error.code).toBe('ECONNREFUSED')
  })

  it('says when the host name does not resolve', async () => {
    const error = await failureOf(driver.connect({ ...harness.options(), host: 'no-such-host.invalid' }), 'connection')
    expect(error.message).toMatch(
      /^Could not connect to no-such-host\.invalid:\d+: the host name could not be resolved$/,
    )
  })

  it('reports a wrong password as a permission error naming what to check', async () => {
    const error = await failureOf(driver.connect({ ...harness.options(), password: 'wrong' }), 'permission')
    expect(error.message).toMatch(
      /^Access denied for user '.+'@.*\(using password: YES\): check the user name and password$/,
    )
    expect(error.code).toBe('ER_ACCESS_DENIED_ERROR (1045)')
  })

  it('names an unknown database and the server', async () => {
    const error = await failureOf(driver.connect(harness.options('quarry_nowhere')), 'connection')
    expect(error.message).toBe(`Unknown database 'quarry_nowhere' on ${harness.serverName}`)
    expect(error.code).toBe('ER_BAD_DB_ERROR (1049)')
  })

  it('times out on a server that accepts but never answers', async () => {
    silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    const started = performance.now()
    const error = await failureOf(driver.connect({ ...harness.options(), port, connectTimeoutMs: 300 }), 'timeout')
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: timed out`)
  })

  it('fails clearly when SSL is required and the server has no TLS; prefer falls back', async () => {
    const error = await failureOf(driver.connect({ ...harness.options(), ssl: { mode: 'require' } }), 'connection')
    expect(error.message).toBe(`${harness.serverName} does not support TLS, but the connection's SSL mode requires it`)
    const preferred = await driver.connect({ ...harness.options(), ssl: { mode: 'prefer' } })
    expect((await preferred.execute('SELECT 1 AS one')).rows).toEqual([[1]])
    await preferred.close()
  })

  it('rejects options it cannot use before connecting', async () => {
    await failureOf(driver.connect({ ...harness.options(), port: 70_000 }), 'invalid-input')
    await failureOf(
      driver.connect({ ...harness.options(), ssl: { mode: 'verify-ca', caFile: '/no/such/ca.pem' } }),
      'invalid-input',
    )
    await failureOf(driver.connect({ engine: 'sqlite', file: 'x.db' }), 'invalid-input')
  })

  it('keeps a read-only connection read-only in the server, across runs', async () => {
    const db = await harness.createDatabase('readonly', ['CREATE TABLE t (x INT)'])
    const connection = await driver.connect({ ...db.options, readOnly: true })
    try {
      for (let run = 0; run < 2; run++) {
        const error = await failureOf(connection.execute('INSERT INTO t VALUES (1)'), 'permission')
        expect(error.code).toMatch(/\(1792\)$/)
      }
      expect((await connection.execute('SELECT count(*) FROM t')).rows).toEqual([[0]])
    } finally {
      await connection.close()
    }
  })
})
