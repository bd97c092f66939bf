import { createServer } from 'node:net'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { createMongodbDriver } from '../../../src/main/drivers/mongodb/mongodb-driver'
import { toMongoError } from '../../../src/main/drivers/mongodb/mongodb-errors'
import { resolveTarget } from '../../../src/main/drivers/mongodb/mongodb-options'
import { QuarryFailure } from '../../../src/shared/contract'
import { ShellSyntaxError } from '../../../src/shared/mongo-shell/shell-value'
import { freePort } from '../../helpers/postgres-server'
import { failureOf } from '../../helpers/streams'

const error = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra })

describe('MongoDB error mapping', () => {
  it.each([
    [error('MongoServerError', 'unknown operator: $foo', { code: 2, codeName: 'BadValue' }), 'syntax', 'BadValue (2)'],
    [
      error('MongoServerError', 'Unrecognized pipeline stage name', { code: 40324, codeName: 'Location40324' }),
      'syntax',
      'Location40324 (40324)',
    ],
    [
      error('MongoServerError', 'not authorized on app', { code: 13, codeName: 'Unauthorized' }),
      'permission',
      'Unauthorized (13)',
    ],
    [
      error('MongoServerError', 'operation exceeded time limit', { code: 50, codeName: 'MaxTimeMSExpired' }),
      'timeout',
      'MaxTimeMSExpired (50)',
    ],
    [
      error('MongoServerError', 'operation was interrupted', { code: 11601, codeName: 'Interrupted' }),
      'connection',
      'Interrupted (11601)',
    ],
    [error('MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:1'), 'connection', 'ECONNREFUSED'],
    [
      error('MongoServerSelectionError', 'Server selection timed out after 1000 ms'),
      'connection',
      'MongoServerSelectionError',
    ],
    [error('MongoNetworkTimeoutError', 'connection timed out'), 'timeout', 'MongoNetworkTimeoutError'],
    [error('MongoParseError', 'Invalid scheme'), 'invalid-input', 'MongoParseError'],
  ])('maps %s', (thrown, kind, code) => {
    expect(toMongoError(thrown, { phase: 'connect', target: 'h:1' })).toMatchObject({ kind, code, engine: 'mongodb' })
  })

  it('explains a failed login, keeps typed failures and positions of syntax errors', () => {
    const login = toMongoError(
      error('MongoServerError', 'Authentication failed.', { code: 18, codeName: 'AuthenticationFailed' }),
      { target: 'db:27017' },
    )
    expect(login).toMatchObject({ kind: 'permission', code: 'AuthenticationFailed (18)' })
    expect(login.message).toMatch(/db:27017: check the user name, password and auth database/)
    const typed = new QuarryFailure({ kind: 'not-found', message: 'x' })
    expect(toMongoError(typed)).toBe(typed.error)
    expect(toMongoError(new ShellSyntaxError('bad at position 4', 4))).toMatchObject({ kind: 'syntax', position: 4 })
    expect(toMongoError('weird')).toMatchObject({ kind: 'internal', message: 'weird' })
  })
})

describe('MongoDB connection options', () => {
  it('keeps credentials out of the URL and passes auth database, timeouts and TLS as options', () => {
    const target = resolveTarget({
      engine: 'mongodb',
      host: 'db.example.com',
      port: 27018,
      user: 'ada',
      password: 'p@ss/word',
      database: 'shop',
      authDatabase: 'admin',
      connectTimeoutMs: 3_000,
      ssl: { mode: 'verify-full', caFile: '/etc/ca.pem' },
    })
    expect(target.url).toBe('mongodb://db.example.com:27018/')
    expect(target.database).toBe('shop')
    expect(target.client).toMatchObject({
      auth: { username: 'ada', password: 'p@ss/word' },
      authSource: 'admin',
      serverSelectionTimeoutMS: 3_000,
      connectTimeoutMS: 3_000,
      directConnection: true,
      tls: true,
      tlsCAFile: '/etc/ca.pem',
    })
  })

  it('uses SRV names without a port, and maps each SSL mode', () => {
    const srv = resolveTarget({ engine: 'mongodb', host: 'cluster0.example.net', srv: true, port: 27017 })
    expect(srv.url).toBe('mongodb+srv://cluster0.example.net/')
    expect(srv.client).toMatchObject({ tls: true })
    expect(srv.client.directConnection).toBeUndefined()
    const mode = (m: 'disable' | 'prefer' | 'require' | 'verify-ca') =>
      resolveTarget({ engine: 'mongodb', host: 'h', ssl: { mode: m } }).client
    expect(mode('disable')).toMatchObject({ tls: false })
    expect(mode('prefer')).toMatchObject({ tls: false })
    expect(mode('require')).toMatchObject({ tls: true, tlsInsecure: true })
    expect(mode('verify-ca')).toMatchObject({ tls: true, tlsAllowInvalidHostnames: true })
    expect(resolveTarget({ engine: 'mongodb', host: '::1' }).url).toBe('mongodb://[::1]:27017/')
  })

  it('refuses bad options with invalid-input', () => {
    for (const options of [
      { engine: 'postgres' as const, host: 'h' },
      { engine: 'mongodb' as const, host: 'a,b' },
      { engine: 'mongodb' as const, host: 'h', port: 70_000 },
    ]) {
      expect(() => resolveTarget(options)).toThrow(QuarryFailure)
    }
  })
})

describe('MongoDB connect failures through the real driver (no server needed)', () => {
  const driver = createMongodbDriver()

  it('a refused port fails at once with a connection error, not after the whole timeout', async () => {
    const port = await freePort()
    const started = performance.now()
    const error = await failureOf(
      driver.connect({ engine: 'mongodb', host: '127.0.0.1', port, connectTimeoutMs: 10_000 }),
      'connection',
    )
    const elapsed = performance.now() - started
    console.log(`[mongodb] refused port → connection error after ${elapsed.toFixed(0)} ms`)
    expect(error).toMatchObject({ engine: 'mongodb', code: 'ECONNREFUSED' })
    expect(elapsed).toBeLessThan(3_000)
  })

  it('a server that accepts and never answers fails once the connect timeout is spent', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket.on('error', () => {})))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      const started = performance.now()
      const error = await failureOf(
        driver.connect({ engine: 'mongodb', host: '127.0.0.1', port, connectTimeoutMs: 1_000 }),
        'connection',
      )
      const elapsed = performance.now() - started
      console.log(`[mongodb] silent server, 1 s timeout → ${error.code} after ${elapsed.toFixed(0)} ms`)
      expect(elapsed).toBeGreaterThan(900)
      expect(elapsed).toBeLessThan(4_000)
      expect(sockets.length).toBeGreaterThan(0)
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })
})
