import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionOptions, Driver } from '../../src/main/drivers/driver'
import { createMysqlDriver } from '../../src/main/drivers/mysql/mysql-driver'
import { createPostgresDriver } from '../../src/main/drivers/postgres/postgres-driver'
import type { SslMode } from '../../src/shared/contract'
import { QuarryFailure } from '../../src/shared/contract'
import * as mariadb from '../helpers/mariadb-server'
import * as postgres from '../helpers/postgres-server'
import { makeTestCertificates } from '../helpers/tls-certs'
import type { TestCertificates } from '../helpers/tls-certs'

/** One engine's TLS server for these tests: how to start it, and how to ask a session whether it is encrypted. */
interface TlsEngine {
  name: string
  missing: () => string | null
  start(certs: TestCertificates, dir: string): Promise<{ options: ConnectionOptions; stop(): Promise<void> }>
  driver: () => Driver
  encryptedSql: string
  isEncrypted: (rows: unknown[][]) => boolean
}

const asRoot = process.getuid?.() === 0

const ENGINES: TlsEngine[] = [
  {
    name: 'postgres',
    missing: () => (postgres.findPostgresBinaries() ? null : 'no PostgreSQL server binaries'),
    async start(certs, dir) {
      // The server runs as the postgres OS user under root: it must own its key (mode 0600).
      if (asRoot) {
        for (const name of ['', ...readdirSync(dir)])
          chownSync(join(dir, name), postgres.postgresUid(), postgres.postgresGid())
      }
      chmodSync(certs.keyFile, 0o600)
      const server = await postgres.startThrowawayServer(postgres.findPostgresBinaries()!, [
        '-c ssl=on',
        `-c ssl_cert_file='${certs.certFile}'`,
        `-c ssl_key_file='${certs.keyFile}'`,
      ])
      const url = new URL(server.url)
      const options: ConnectionOptions = {
        engine: 'postgres',
        host: '127.0.0.1',
        port: server.port,
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: 'postgres',
      }
      return { options, stop: () => server.stop() }
    },
    driver: createPostgresDriver,
    encryptedSql: 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    isEncrypted: (rows) => ['t', 'true', true].includes(rows[0]?.[0] as string),
  },
  {
    name: 'mariadb',
    missing: () => mariadb.missingBinaries(),
    async start(certs) {
      const server = await mariadb.startMariadbServer([
        `--ssl-ca=${certs.caFile}`,
        `--ssl-cert=${certs.certFile}`,
        `--ssl-key=${certs.keyFile}`,
      ])
      const url = new URL(server.url)
      const options: ConnectionOptions = {
        engine: 'mysql',
        host: '127.0.0.1',
        port: server.port,
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      }
      return { options, stop: () => server.stop() }
    },
    driver: createMysqlDriver,
    encryptedSql: "SHOW SESSION STATUS LIKE 'Ssl_cipher'",
    isEncrypted: (rows) => typeof rows[0]?.[1] === 'string' && (rows[0][1] as string).length > 0,
  },
]

/**
 * TLS modes against servers configured for TLS with a CA the test made (openssl): disable stays
 * plain; require encrypts; verify-ca checks the chain (an unrelated CA fails); verify-full also
 * checks the name (127.0.0.1 is not in the certificate, localhost is).
 */
describe.each(ENGINES.map((engine) => [engine.name, engine] as const))('%s: TLS modes', (_name, engine) => {
  const missing = engine.missing()
  if (missing) {
    if (process.env['CI'] === 'true') throw new Error(`TLS tests for ${engine.name}: ${missing}`)
    console.warn(`TLS tests for ${engine.name} NOT RUN: ${missing}`)
    return
  }
  let dir: string
  let certs: TestCertificates
  let server: { options: ConnectionOptions; stop(): Promise<void> }
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `quarry-tls-${engine.name}-`))
    certs = await makeTestCertificates(dir)
    server = await engine.start(certs, dir)
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const connect = async (mode: SslMode, patch: Partial<ConnectionOptions> = {}, caFile?: string) => {
    const connection = await engine.driver().connect({
      ...server.options,
      ssl: { mode, ...(caFile ? { caFile } : {}) },
      connectTimeoutMs: 10_000,
      ...patch,
    })
    try {
      return engine.isEncrypted((await connection.execute(engine.encryptedSql)).rows)
    } finally {
      await connection.close()
    }
  }
  const refused = async (work: Promise<unknown>): Promise<string> => {
    const thrown = await work.then(
      () => null,
      (error: unknown) => error,
    )
    expect(thrown).toBeInstanceOf(QuarryFailure)
    return (thrown as QuarryFailure).error.message
  }

  it('disable connects in plain text; require encrypts without checking the certificate', async () => {
    expect(await connect('disable')).toBe(false)
    expect(await connect('require')).toBe(true)
  })

  it('verify-ca accepts the certificate of its CA (any host name) and refuses another CA', async () => {
    expect(await connect('verify-ca', {}, certs.caFile)).toBe(true)
    const message = await refused(connect('verify-ca', {}, certs.otherCaFile))
    expect(message).toMatch(/certificate|verify|self.signed|issuer/i)
    // Without a CA file, Node's public roots do not know the test CA either.
    await refused(connect('verify-ca'))
  })

  it('verify-full also needs the host name in the certificate', async () => {
    expect(await connect('verify-full', { host: certs.serverName }, certs.caFile)).toBe(true)
    const message = await refused(connect('verify-full', { host: '127.0.0.1' }, certs.caFile))
    expect(message).toMatch(/127\.0\.0\.1|host|name|altname/i)
    await refused(connect('verify-full', { host: certs.serverName }, certs.otherCaFile))
  })

  it('through a tunnel (host 127.0.0.1), verify-full checks the real host name given as tlsServerName', async () => {
    expect(await connect('verify-full', { host: '127.0.0.1', tlsServerName: 'localhost' }, certs.caFile)).toBe(true)
    await refused(connect('verify-full', { host: '127.0.0.1', tlsServerName: 'db.example.com' }, certs.caFile))
  })
})
