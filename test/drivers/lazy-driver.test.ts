import { describe, expect, it } from 'vitest'
import type { Driver, DriverConnection } from '../../src/main/drivers/driver'
import { lazyDriver } from '../../src/main/drivers/lazy-driver'
import { MSSQL_FACTS } from '../../src/main/drivers/mssql/mssql-facts'
import { createDriverRegistry } from '../../src/main/drivers/registry'

describe('lazy drivers', () => {
  it('load their module on the first connect only, once, and then report its version', async () => {
    let loads = 0
    const connection = { engine: 'mssql' } as DriverConnection
    const real = { ...MSSQL_FACTS, version: 'mssql 12, tedious 19', connect: async () => connection } as Driver
    const driver = lazyDriver(MSSQL_FACTS, async () => {
      loads++
      return real
    })
    expect(loads).toBe(0)
    expect(driver.version).toBe(MSSQL_FACTS.version)
    const [a, b] = await Promise.all([driver.connect({ engine: 'mssql' }), driver.connect({ engine: 'mssql' })])
    expect([a, b]).toEqual([connection, connection])
    expect(loads).toBe(1)
    expect(driver.version).toBe('mssql 12, tedious 19')
  })

  it('the registry answers SQL Server facts without loading the driver, and its connect loads it', async () => {
    const mssql = createDriverRegistry().get('mssql')!
    expect(mssql.name).toBe('SQL Server')
    expect(mssql.capabilities.serverSideCancel).toBe(true)
    expect(mssql.quoteIdentifier('a]b')).toBe('[a]]b]')
    await expect(
      mssql.connect({ engine: 'mssql', host: '127.0.0.1', port: 1, connectTimeoutMs: 1000 }),
    ).rejects.toThrow()
    expect(mssql.version).toMatch(/^mssql \d/)
  })
})
