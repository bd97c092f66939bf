import { describe, expect, it } from 'vitest'
import { toMongoError } from '../../../src/main/drivers/mongodb/mongodb-errors'
import { resolveTarget } from '../../../src/main/drivers/mongodb/mongodb-options'
import { QuarryFailure } from '../../../src/shared/contract'
import { ShellSyntaxError } from '../../../src/shared/mongo-shell/shell-value'

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
