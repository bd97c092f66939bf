import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { TestDatabase } from '../helpers/engine-harness'
import { failureOf } from '../helpers/streams'
import { engines } from './engines'

describe.each(engines.map((make) => [make().engine, make] as const))('%s: lifecycle', (_engine, make) => {
  const harness = make()
  const driver = harness.driver()
  let db: TestDatabase

  beforeAll(async () => {
    db = await harness.createDatabase('lifecycle', harness.fixtures.minimal)
  })
  afterAll(() => harness.cleanup())

  it('connects, pings, reports versions and closes', async () => {
    const connection = await driver.connect(db.options)
    try {
      expect(connection.engine).toBe(harness.engine)
      await expect(connection.ping()).resolves.toBeUndefined()
      const version = await connection.version()
      expect(version).toMatch(/^\d+\.\d+/)
      const info = await connection.serverInfo()
      expect(info).toMatchObject({ engine: harness.engine, driverName: driver.name, serverVersion: version })
      expect(info.driverVersion).toBe(driver.version)
      expect(info.capabilities).toEqual(driver.capabilities)
    } finally {
      await connection.close()
    }
    await failureOf(connection.ping(), 'connection')
    await expect(connection.close()).resolves.toBeUndefined()
  })

  it('quotes identifiers in its dialect', () => {
    const quoted = driver.quoteIdentifier('odd "name"')
    expect(quoted).not.toBe('odd "name"')
    expect(quoted).toContain('odd')
  })

  it('fails with a connection error for targets that are not databases', async () => {
    for (const [label, options] of Object.entries(await harness.unreachable())) {
      const error = await failureOf(driver.connect(options), 'connection')
      expect(error.message, label).not.toBe('')
      expect(error.engine).toBe(harness.engine)
    }
  })

  it('rejects queries on a database the connection does not hold', async () => {
    const connection: DriverConnection = await driver.connect(db.options)
    try {
      const { one } = harness.fixtures.queries
      await failureOf(connection.execute(one, { database: `${db.name}-other` }), 'not-found')
      const result = await connection.execute(one, { database: db.name })
      expect(result.rows).toEqual([[1]])
    } finally {
      await connection.close()
    }
  })
})
