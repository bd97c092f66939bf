import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../src/shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../../src/main/drivers/driver'
import { testConnection } from '../../src/main/services/connection-tester'

const options: ConnectionOptions = { engine: 'postgres', host: '10.0.0.9', port: 5433, connectTimeoutMs: 50 }

/** A driver whose connect does what the test says, and which records what it was given. */
function fakeDriver(connect: (options: ConnectionOptions) => Promise<DriverConnection>) {
  const seen: ConnectionOptions[] = []
  const driver = {
    engine: 'postgres',
    name: 'fake-pg',
    connect: (given: ConnectionOptions) => {
      seen.push(given)
      return connect(given)
    },
  } as unknown as Driver
  return { driver, seen }
}

const connection = (version: () => Promise<string>) => {
  const state = { closed: 0 }
  const value = { version, close: async () => void state.closed++ } as unknown as DriverConnection
  return { value, state }
}

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('testConnection', () => {
  it('answers with the server version and closes what it opened', async () => {
    const open = connection(async () => '16.4')
    const { driver } = fakeDriver(async () => open.value)
    expect(await testConnection(driver, options)).toMatchObject({ engine: 'postgres', serverVersion: '16.4' })
    expect(open.state.closed).toBe(1)
  })

  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.9:5433', /10\.0\.0\.9:5433 refused the connection/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND nohost', /was not found\. Check the host name/],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH', /cannot be reached from this machine/],
  ])('says what %s means, keeping the code', async (code, message, words) => {
    const { driver } = fakeDriver(async () => Promise.reject(systemError(code, message)))
    await expect(testConnection(driver, options)).rejects.toMatchObject({
      error: { kind: 'connection', code, message: expect.stringMatching(words) },
    })
  })

  it('keeps a driver’s own typed error as it is', async () => {
    const typed = { kind: 'permission', message: 'password authentication failed for user "u"', code: '28P01' } as const
    const { driver } = fakeDriver(async () => Promise.reject(new QuarryFailure(typed)))
    await expect(testConnection(driver, options)).rejects.toMatchObject({ error: typed })
  })

  it('gives up on a driver that never answers, and closes the connection when it finally arrives', async () => {
    const late = connection(async () => '1')
    let arrive: (value: DriverConnection) => void = () => undefined
    const { driver } = fakeDriver(() => new Promise((resolve) => (arrive = resolve)))
    await expect(testConnection(driver, options, 20)).rejects.toMatchObject({
      error: { kind: 'timeout', message: 'The server at 10.0.0.9:5433 did not answer within 1 s' },
    })
    arrive(late.value)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(late.state.closed).toBe(1)
  })

  it('opens a file engine read-only, so a test never creates or changes the file', async () => {
    const open = connection(async () => '3.46.0')
    const { driver, seen } = fakeDriver(async () => open.value)
    await testConnection(driver, { engine: 'sqlite', file: '/tmp/x.db', readOnly: false })
    expect(seen[0]).toMatchObject({ engine: 'sqlite', readOnly: true })
  })
})
