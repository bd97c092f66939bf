import { describe, expect, it } from 'vitest'
import { toMssqlError } from '../../../src/main/drivers/mssql/mssql-errors'
import { resolveTarget } from '../../../src/main/drivers/mssql/mssql-options'

const connect = { phase: 'connect' as const, target: 'db.local:1433' }

describe('SQL Server error mapping', () => {
  it('says why a login failed, from the server messages of the login', () => {
    const wrongPassword = {
      message: "Login failed for user 'sa'.",
      code: 'ELOGIN',
      loginMessages: [{ number: 18456, message: "Login failed for user 'sa'." }],
    }
    expect(toMssqlError(wrongPassword, connect)).toEqual({
      kind: 'permission',
      message: "Login failed for user 'sa'. Check the user name and password.",
      code: '18456',
      engine: 'mssql',
    })
    const unknownDatabase = {
      message: "Login failed for user 'sa'.",
      code: 'ELOGIN',
      loginMessages: [
        { number: 4060, message: 'Cannot open database "nope" requested by the login. The login failed.' },
        { number: 18456, message: "Login failed for user 'sa'." },
      ],
    }
    expect(toMssqlError(unknownDatabase, connect)).toEqual({
      kind: 'connection',
      message: 'Cannot open database "nope" requested by the login. The login failed. (db.local:1433)',
      code: '4060',
      engine: 'mssql',
    })
  })

  it('names refused, unresolvable and timed-out servers in plain words', () => {
    const refused = {
      message: 'Failed to connect to db.local:1433 - connect ECONNREFUSED 127.0.0.1:1433',
      code: 'ESOCKET',
      originalError: { message: 'x', cause: { code: 'ECONNREFUSED' } },
    }
    expect(toMssqlError(refused, connect)).toEqual({
      kind: 'connection',
      message: 'Could not connect to db.local:1433: connection refused (is SQL Server running and listening there?)',
      code: 'ECONNREFUSED',
      engine: 'mssql',
    })
    // tedious tries each address of the host and wraps the sockets' errors in an AggregateError.
    const sequence = {
      message: 'Failed to connect to 127.0.0.1:41525 - Could not connect (sequence)',
      code: 'ESOCKET',
      originalError: {
        message: 'x',
        cause: { message: 'Could not connect (sequence)', errors: [{ code: 'ECONNREFUSED' }] },
      },
    }
    expect(toMssqlError(sequence, connect)).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED' })
    const unknownHost = { message: 'Failed…', code: 'ESOCKET', cause: { code: 'ENOTFOUND' } }
    expect(toMssqlError(unknownHost, connect)).toMatchObject({ kind: 'connection', code: 'ENOTFOUND' })
    const timeout = { message: 'Failed to connect to db.local:1433 in 2000ms', code: 'ETIMEOUT' }
    expect(toMssqlError(timeout, connect)).toEqual({
      kind: 'timeout',
      message: 'Could not connect to db.local:1433: timed out (Failed to connect to db.local:1433 in 2000ms)',
      code: 'ETIMEOUT',
      engine: 'mssql',
    })
  })

  it('keeps the server number and places a syntax error on its line and token', () => {
    const statement = { sql: 'SELECT 1\nSELECT * FORM t', offset: 100 }
    const error = { message: "Incorrect syntax near 'FORM'.", code: 'EREQUEST', number: 102, lineNumber: 2 }
    expect(toMssqlError(error, { statement })).toEqual({
      kind: 'syntax',
      message: "Incorrect syntax near 'FORM'.",
      code: '102',
      engine: 'mssql',
      position: 100 + statement.sql.indexOf('FORM') + 1,
    })
    // No token to find: the start of the line.
    const missing = { message: "Invalid object name 'nope'.", number: 208, lineNumber: 2 }
    expect(toMssqlError(missing, { statement })).toMatchObject({ kind: 'syntax', code: '208', position: 110 })
    const division = { message: 'Divide by zero error encountered.', number: 8134, lineNumber: 1 }
    expect(toMssqlError(division, { statement })).toMatchObject({ kind: 'invalid-input', position: 101 })
    expect(toMssqlError({ message: 'Canceled.', code: 'ECANCEL' })).toMatchObject({ kind: 'cancelled' })
    const lost = { message: 'Connection lost - read ECONNRESET', code: 'ESOCKET', cause: { code: 'ECONNRESET' } }
    expect(toMssqlError(lost, { phase: 'query', target: 'h:1433' })).toEqual({
      kind: 'connection',
      message: 'Lost the connection to h:1433: Connection lost - read ECONNRESET',
      code: 'ECONNRESET',
      engine: 'mssql',
    })
    expect(toMssqlError({ message: 'deadlock', number: 1205 })).toMatchObject({ kind: 'timeout', code: '1205' })
    expect(toMssqlError('weird')).toEqual({ kind: 'internal', message: 'weird', engine: 'mssql' })
    expect(toMssqlError({ message: 'user error', number: 50000, class: 16 })).toMatchObject({ kind: 'internal' })
    expect(toMssqlError({ message: 'fatal', number: 9001, class: 21 })).toMatchObject({ kind: 'connection' })
  })
})

describe('SQL Server connection options', () => {
  it('connects to a named instance without a port through SQL Server Browser, with SSMS encryption names', () => {
    const target = resolveTarget({
      engine: 'mssql',
      host: 'srv',
      user: 'u',
      password: 'p',
      mssql: { instance: 'SQLEXPRESS', encrypt: 'strict', trustServerCertificate: true },
    })
    expect(target.label).toBe('srv\\SQLEXPRESS')
    const config = target.config('', [])
    expect(config.port).toBeUndefined()
    expect(config.options).toMatchObject({
      instanceName: 'SQLEXPRESS',
      encrypt: 'strict',
      trustServerCertificate: true,
    })
    expect(config.requestTimeout).toBe(0)
    const plain = resolveTarget({ engine: 'mssql', host: 'h', database: 'shop' })
    expect(plain.label).toBe('h:1433')
    expect(plain.config('', [])).toMatchObject({ port: 1433, database: 'shop', options: { encrypt: true } })
    expect(plain.config('other', [])).toMatchObject({ database: 'other' })
  })

  it('refuses bad options with typed errors', () => {
    const bad = [
      { engine: 'mssql' as const, host: 'h', port: 70_000 },
      { engine: 'mssql' as const, host: 'h', mssql: { instance: 'a b' } },
      { engine: 'mssql' as const, host: 'h', readOnly: true },
      { engine: 'postgres' as const, host: 'h' },
    ]
    for (const options of bad)
      expect(() => resolveTarget(options)).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ kind: 'invalid-input' }) }),
      )
  })
})
