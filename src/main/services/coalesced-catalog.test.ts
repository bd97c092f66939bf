import { describe, expect, it } from 'vitest'
import type { DriverConnection } from '../drivers/driver'
import { coalesceCatalog } from './coalesced-catalog'

/** A connection whose tableSchema answers when told, counting its reads. */
function fakeConnection() {
  const reads: string[] = []
  const answers: Array<(value: unknown) => void> = []
  const connection = {
    tableSchema(database: string, schema: string, table: string) {
      reads.push(`${database}.${schema}.${table}`)
      return new Promise((resolve) => answers.push(resolve))
    },
  } as unknown as DriverConnection
  return { connection: coalesceCatalog(connection), reads, answers }
}

describe('coalesced catalog reads', () => {
  it('answers identical reads in flight at once with one read, and reads again once it ended', async () => {
    const { connection, reads, answers } = fakeConnection()
    const plan = connection.tableSchema('db', 'main', 'events')
    const links = connection.tableSchema('db', 'main', 'events')
    const other = connection.tableSchema('db', 'main', 'orders')
    expect(reads).toEqual(['db.main.events', 'db.main.orders'])
    answers[0]!({ name: 'events' })
    answers[1]!({ name: 'orders' })
    expect(await plan).toEqual({ name: 'events' })
    expect(await links).toBe(await plan)
    expect(await other).toEqual({ name: 'orders' })
    // Ended: the next read goes to the engine (the table may have changed since).
    const later = connection.tableSchema('db', 'main', 'events')
    expect(reads).toHaveLength(3)
    answers[2]!({ name: 'events', changed: true })
    expect(await later).toEqual({ name: 'events', changed: true })
  })

  it('hands a failure to every joined caller, then forgets it', async () => {
    const reads: number[] = []
    const connection = coalesceCatalog({
      tableSchema: () => {
        reads.push(1)
        return Promise.reject(new Error('no such table'))
      },
    } as unknown as DriverConnection)
    const both = [connection.tableSchema('d', 's', 't'), connection.tableSchema('d', 's', 't')]
    for (const read of both) await expect(read).rejects.toThrow('no such table')
    expect(reads).toHaveLength(1)
    await expect(connection.tableSchema('d', 's', 't')).rejects.toThrow('no such table')
    expect(reads).toHaveLength(2)
  })
})
