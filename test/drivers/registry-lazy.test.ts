import { describe, expect, it, vi } from 'vitest'

// Each server engine's library, noted when something loads it.
const loaded = vi.hoisted(() => new Set<string>())
vi.mock('pg', async (original) => (loaded.add('pg'), await original()))
vi.mock('mysql2', async (original) => (loaded.add('mysql2'), await original()))
vi.mock('mongodb', async (original) => (loaded.add('mongodb'), await original()))
vi.mock('mssql', async (original) => (loaded.add('mssql'), await original()))
vi.mock('ssh2', async (original) => (loaded.add('ssh2'), await original()))
vi.mock('exceljs', async (original) => (loaded.add('exceljs'), await original()))

const { createDriverRegistry } = await import('../../src/main/drivers/registry')
const { connectThrough } = await import('../../src/main/services/ssh/tunneled-connect')
await import('../../src/main/services/export/result-writers')
await import('../../src/main/services/import/record-source')

describe('the driver registry', () => {
  it("loads no server engine's library (nor ssh2 or exceljs) until it is used: main stays small", () => {
    const registry = createDriverRegistry()
    const table = { schema: 's', table: 't', where: '', conditions: [], sort: [] }
    for (const engine of ['postgres', 'mysql', 'mssql', 'mongodb'] as const) {
      const driver = registry.get(engine)!
      expect(driver.version).toMatch(/\S/)
      expect(driver.tableQuery(table)).toHaveProperty('sql')
    }
    expect(registry.get('postgres')!.quoteIdentifier('a"b')).toBe('"a""b"')
    expect(registry.get('mysql')!.quoteIdentifier('a`b')).toBe('`a``b`')
    expect([...loaded]).toEqual([])
    void connectThrough
  })

  it("loads an engine's library with its first connection", async () => {
    const registry = createDriverRegistry()
    const options = { host: '127.0.0.1', port: 1, connectTimeoutMs: 1000 }
    await expect(registry.get('postgres')!.connect({ engine: 'postgres', ...options })).rejects.toThrow()
    await expect(registry.get('mysql')!.connect({ engine: 'mysql', ...options })).rejects.toThrow()
    expect([...loaded].sort()).toEqual(['mysql2', 'pg'])
    expect(registry.get('postgres')!.version).toMatch(/^pg \d+\.\d+/)
  })
})
