import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { ColumnOrigins } from './postgres-column-origins'

const field = (name: string, tableID = 0, columnID = 0) => ({
  name,
  dataTypeID: 23,
  dataTypeModifier: -1,
  tableID,
  columnID,
})

/** A fake catalog: table 100 is public.items (columns 1 id, 2 name); other tables are unknown. */
function fakeCatalog() {
  const calls: { database: string; tables: number[]; columns: number[] }[] = []
  const names: Record<number, string> = { 1: 'id', 2: 'name' }
  const origins = new ColumnOrigins(async (database, tables, columns) => {
    calls.push({ database, tables, columns })
    return tables.map((t, i) => (t === 100 ? { schema: 'public', table: 'items', column: names[columns[i]!]! } : null))
  })
  return { origins, calls }
}

describe('PostgreSQL column origins', () => {
  it('asks the catalog once per result for new columns only, never for expressions', async () => {
    const { origins, calls } = fakeCatalog()
    const fields = [field('id', 100, 1), field('label', 100, 2), field('n'), field('again', 100, 2)]
    const first = await origins.resolve('app', fields)
    expect(first).toEqual([
      { schema: 'public', table: 'items', column: 'id' },
      { schema: 'public', table: 'items', column: 'name' },
      null,
      { schema: 'public', table: 'items', column: 'name' },
    ])
    expect(calls).toEqual([{ database: 'app', tables: [100, 100], columns: [1, 2] }])
    await origins.resolve('app', fields)
    await origins.resolve('app', [field('n')])
    expect(calls).toHaveLength(1)
    // Table OIDs are per database.
    await origins.resolve('other', [field('id', 100, 1)])
    expect(calls).toHaveLength(2)
  })

  it('asks again for what was not found (a table not committed yet), and after DDL', async () => {
    const { origins, calls } = fakeCatalog()
    expect(await origins.resolve('app', [field('x', 200, 1)])).toEqual([null])
    await origins.resolve('app', [field('x', 200, 1)])
    expect(calls).toHaveLength(2)
    await origins.resolve('app', [field('id', 100, 1)])
    origins.forget()
    await origins.resolve('app', [field('id', 100, 1)])
    expect(calls).toHaveLength(4)
  })

  it('does not hold a result back for a slow lookup, and caches what it finds for the next one', async () => {
    let answer: (() => void) | undefined
    const origins = new ColumnOrigins(
      (_database, tables) =>
        new Promise((resolve) => {
          answer = () => resolve(tables.map(() => ({ schema: 'public', table: 'items', column: 'id' })))
        }),
      20,
    )
    const started = performance.now()
    expect(await origins.resolve('app', [field('id', 100, 1)])).toEqual([null])
    expect(performance.now() - started).toBeLessThan(500)
    answer!()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await origins.resolve('app', [field('id', 100, 1)])).toEqual([
      { schema: 'public', table: 'items', column: 'id' },
    ])
  })

  it('leaves a result read-only when the lookup fails, and runs on', async () => {
    const origins = new ColumnOrigins(async () => {
      throw new Error('catalog unavailable')
    })
    expect(await origins.resolve('app', [field('id', 100, 1)])).toEqual([null])
  })
})
