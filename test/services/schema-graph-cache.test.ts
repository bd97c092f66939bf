import { describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { SchemaGraphCache } from '../../src/main/services/schema-graph-cache'
import type { SchemaGraph } from '../../src/shared/contract'

/** A connection whose catalog epoch the test moves; `null` says another program may change it. */
function connectionWith(epoch: { value: string | null }): DriverConnection {
  return { catalogEpoch: async () => epoch.value } as unknown as DriverConnection
}

const graphNamed = (name: string): SchemaGraph => ({
  schema: 'main',
  tables: [{ name, kind: 'table', columns: [] }],
  foreignKeys: [],
})

/** A read that counts its calls and answers a new graph each time. */
function reader() {
  const reads = { count: 0 }
  const read = async () => graphNamed(`t${++reads.count}`)
  return { reads, read }
}

describe('SchemaGraphCache: whole graphs kept while the engine says its catalog is unchanged', () => {
  it('gives the kept graph while the epoch is the same, reads again once it moved', async () => {
    const cache = new SchemaGraphCache()
    const epoch = { value: 'a:0' }
    const connection = connectionWith(epoch)
    const { reads, read } = reader()
    const first = await cache.whole(connection, 'db', 'main', read)
    expect(await cache.whole(connection, 'db', 'main', read)).toBe(first)
    expect(reads.count).toBe(1)
    epoch.value = 'a:2'
    const second = await cache.whole(connection, 'db', 'main', read)
    expect(second.tables[0]!.name).toBe('t2')
    expect(reads.count).toBe(2)
  })

  it('does not keep a read the catalog changed under', async () => {
    const cache = new SchemaGraphCache()
    const epoch = { value: 'a:0' as string | null }
    const connection = connectionWith(epoch)
    let reads = 0
    const read = async () => {
      reads++
      epoch.value = `a:${reads}` // a DDL ran in another tab while the catalog was read
      return graphNamed('t')
    }
    await cache.whole(connection, 'db', 'main', read)
    await cache.whole(connection, 'db', 'main', read)
    expect(reads).toBe(2)
  })

  it('never keeps where the engine cannot say (null epoch, or no epoch at all)', async () => {
    const cache = new SchemaGraphCache()
    const { reads, read } = reader()
    const attached = connectionWith({ value: null })
    await cache.whole(attached, 'pg', 'public', read)
    await cache.whole(attached, 'pg', 'public', read)
    const plain = {} as DriverConnection
    await cache.whole(plain, 'db', 'main', read)
    await cache.whole(plain, 'db', 'main', read)
    expect(reads.count).toBe(4)
  })

  it('keeps schemas apart, per connection, the last four used', async () => {
    const cache = new SchemaGraphCache()
    const epoch = { value: 'a:0' }
    const one = connectionWith(epoch)
    const two = connectionWith(epoch)
    const { reads, read } = reader()
    const a = await cache.whole(one, 'db', 'a', read)
    expect(await cache.whole(two, 'db', 'a', read)).not.toBe(a)
    expect(await cache.whole(one, 'other', 'a', read)).not.toBe(a)
    for (const schema of ['b', 'c', 'd']) await cache.whole(one, 'db', schema, read)
    expect(reads.count).toBe(6)
    // 'a' of 'db' was used before four others on `one`: let go; 'd' is still kept.
    const d = await cache.whole(one, 'db', 'd', read)
    expect(reads.count).toBe(6)
    expect(await cache.whole(one, 'db', 'a', read)).not.toBe(a)
    expect(reads.count).toBe(7)
    expect(await cache.whole(one, 'db', 'd', read)).toBe(d)
  })
})
