import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionOptions } from '../../src/main/drivers/driver'
import { createMysqlDriver } from '../../src/main/drivers/mysql/mysql-driver'
import { createPostgresDriver } from '../../src/main/drivers/postgres/postgres-driver'
import { SSH_ERROR_CODES } from '../../src/main/services/ssh/ssh-errors'
import type { SshTunnelOptions } from '../../src/main/services/ssh/ssh-tunnel'
import { connectThrough } from '../../src/main/services/ssh/tunneled-connect'
import { mysqlTestServer } from '../helpers/mariadb-harness'
import { optionsFromUrl, postgresUrl } from '../helpers/postgres-harness'
import { freePort } from '../helpers/postgres-server'
import { KEY_PASSPHRASE, SSH_PASSWORD, SSH_USER, startSshServer } from '../helpers/ssh-server'
import type { TestSshServer } from '../helpers/ssh-server'
import { failureOf } from '../helpers/streams'

/** The throwaway servers this run has; each engine is tested through the tunnel when it is there. */
function targets(): {
  name: string
  options: ConnectionOptions
  driver: () => ReturnType<typeof createPostgresDriver>
}[] {
  const out = []
  const pg = postgresUrl()
  if (pg)
    out.push({
      name: 'postgres',
      options: { ...optionsFromUrl(pg), ssl: { mode: 'disable' as const } },
      driver: createPostgresDriver,
    })
  const my = mysqlTestServer()
  if (my) {
    const url = new URL(my.url)
    const options: ConnectionOptions = {
      engine: 'mysql',
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    }
    out.push({ name: 'mariadb', options, driver: createMysqlDriver })
  }
  if (out.length === 0)
    console.warn('SSH tunnel tests NOT RUN against a database: no PostgreSQL or MariaDB test server')
  return out
}

describe('SSH tunnels (in-process ssh2 server, real protocol)', () => {
  let dir: string
  let ssh: TestSshServer
  const tunnel = (patch: Partial<SshTunnelOptions> = {}): SshTunnelOptions => ({
    host: '127.0.0.1',
    port: ssh.port,
    user: SSH_USER,
    auth: 'password',
    secret: SSH_PASSWORD,
    readyTimeoutMs: 5000,
    ...patch,
  })
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-ssh-'))
    ssh = await startSshServer(dir)
  })
  afterAll(async () => {
    await ssh?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  describe.each(targets().map((t) => [t.name, t] as const))('%s through the tunnel', (_name, target) => {
    it.each([
      ['a password', () => tunnel()],
      [
        'a private key with its passphrase',
        () => tunnel({ auth: 'key', keyFile: ssh.keyFile, secret: KEY_PASSPHRASE }),
      ],
    ])('connects with %s, queries, and closes the tunnel with the connection', async (_auth, make) => {
      const before = ssh.forwards.length
      const { connection, sshHostKey } = await connectThrough(target.driver(), { ...target.options, ssh: make() })
      try {
        expect(sshHostKey).toBe(ssh.hostKey)
        const result = await connection.execute('SELECT 1 + 1 AS two')
        expect(result.rows).toEqual([[2]])
        // The driver reached the database through the SSH server's forwarding, not directly.
        expect(ssh.forwards.slice(before)).toContain(`${target.options.host}:${target.options.port}`)
        expect(ssh.openChannels()).toBeGreaterThan(0)
      } finally {
        await connection.close()
      }
      // Closing the connection closes its tunnel: no forwarded channel, no SSH connection is left.
      await expect.poll(() => ssh.openChannels(), { timeout: 5000 }).toBe(0)
      await expect.poll(() => ssh.openConnections(), { timeout: 5000 }).toBe(0)
    })

    it('verifies a recorded host key, and refuses a different one', async () => {
      const ok = await connectThrough(target.driver(), { ...target.options, ssh: tunnel({ hostKey: ssh.hostKey }) })
      await ok.connection.close()
      const forged = `SHA256:${'A'.repeat(43)}`
      const error = await failureOf(
        connectThrough(target.driver(), { ...target.options, ssh: tunnel({ hostKey: forged }) }),
        'connection',
      )
      expect(error.code).toBe(SSH_ERROR_CODES.hostKey)
      expect(error.message).toContain(ssh.hostKey)
    })
  })

  const anyTarget = (): ConnectionOptions => ({ engine: 'postgres', host: '127.0.0.1', port: 5432, user: 'x' })

  it('says the SSH password was refused', async () => {
    const error = await failureOf(
      connectThrough(createPostgresDriver(), { ...anyTarget(), ssh: tunnel({ secret: 'wrong' }) }),
      'permission',
    )
    expect(error).toMatchObject({ code: SSH_ERROR_CODES.auth })
    expect(error.message).toBe(
      `SSH authentication failed for ${SSH_USER}@127.0.0.1:${ssh.port}: the server refused these credentials`,
    )
    expect(error.message).not.toContain('wrong')
  })

  it('says the key passphrase is wrong (or missing)', async () => {
    for (const secret of ['not the passphrase', undefined]) {
      const options = tunnel({ auth: 'key', keyFile: ssh.keyFile, ...(secret ? { secret } : { secret: undefined }) })
      const error = await failureOf(
        connectThrough(createPostgresDriver(), { ...anyTarget(), ssh: options }),
        'invalid-input',
      )
      expect(error.code).toBe(SSH_ERROR_CODES.key)
      expect(error.message).toMatch(/passphrase/)
    }
    const missing = tunnel({ auth: 'key', keyFile: join(dir, 'no-such-key') })
    const error = await failureOf(
      connectThrough(createPostgresDriver(), { ...anyTarget(), ssh: missing }),
      'invalid-input',
    )
    expect(error.message).toMatch(/Cannot read the SSH key file/)
  })

  it('says the SSH host is unreachable', async () => {
    const port = await freePort()
    const error = await failureOf(
      connectThrough(createPostgresDriver(), { ...anyTarget(), ssh: tunnel({ port }) }),
      'connection',
    )
    expect(error.code).toBe(SSH_ERROR_CODES.unreachable)
    expect(error.message).toBe(`Cannot reach the SSH server ${SSH_USER}@127.0.0.1:${port} (ECONNREFUSED)`)
  })

  it('uses the SSH agent only when there is one', async () => {
    const saved = process.env['SSH_AUTH_SOCK']
    delete process.env['SSH_AUTH_SOCK']
    try {
      const error = await failureOf(
        connectThrough(createPostgresDriver(), { ...anyTarget(), ssh: tunnel({ auth: 'agent' }) }),
        'invalid-input',
      )
      expect(error.message).toMatch(/No SSH agent/)
    } finally {
      if (saved !== undefined) process.env['SSH_AUTH_SOCK'] = saved
    }
  })
})
