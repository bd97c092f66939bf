import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { ExportService } from '../../../src/main/services/export-service'
import type { EventPayloads } from '../../../src/shared/contract'
import { adminClient, postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { mountSmallDisk, type SmallDisk } from '../../helpers/tmpfs'
import { fakeConnection } from '../fake-connection'
import { recordingClient } from '../recording-client'

/** The export's end event, or a failure after `timeoutMs` (the bug: it never came). */
async function endWithin(events: ReturnType<typeof recordingClient>['events'], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const end = events.find((e) => e.event === 'export.end')
    if (end) return end.payload as EventPayloads['export.end']
    if (Date.now() > deadline) throw new Error(`export.end did not come within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('export into a full disk (1 MiB tmpfs)', () => {
  let disk: SmallDisk = { dir: null, reason: 'not mounted yet' }
  beforeAll(() => {
    disk = mountSmallDisk('1m')
  })
  afterAll(() => {
    if (disk.dir) disk.unmount()
  })
  const diskOrSkip = (skip: (note?: string) => void): string => {
    const current = disk
    if (current.dir !== null) return current.dir
    console.log(`NOT RUN: export into a full disk: ${current.reason}`)
    skip(current.reason)
    throw new Error('unreachable')
  }

  it('ends with a "disk full" error, removes its part file and releases the stream', async (context) => {
    const dir = diskOrSkip(context.skip)
    const service = new ExportService()
    // ~2.7 MB of CSV in batches a few ms apart: the disk fills between two writes, not during a wait.
    const { connection, progress } = fakeConnection(400, 1_000, 3)
    const { client, events } = recordingClient()
    const path = join(dir, 'full.csv')
    service.start(client, Promise.resolve(connection), 'sqlite', {
      queryId: 'f1',
      sql: 's',
      format: 'csv',
      path,
      table: null,
    })
    const end = await endWithin(events, 10_000)
    expect(end.outcome).toBe('error')
    expect(end.error?.message).toMatch(/disk full/i)
    expect(end.error?.message).toContain(path)
    expect(end.error?.code).toBe('ENOSPC')
    expect(readdirSync(dir)).toEqual([])
    expect(progress.released).toBe(true)
    expect(service.runningCount).toBe(0)
    expect(await service.cancel(client, 'f1')).toBe(false) // answers at once: nothing is left running
  })

  describe.skipIf(!postgresUrl())('PostgreSQL: a slow query', () => {
    const harness = postgresHarness()
    let connection: DriverConnection
    let admin: pg.Client
    let database = ''
    beforeAll(async () => {
      const db = await harness.createDatabase('disk_full', [
        'CREATE TABLE wide (id int PRIMARY KEY, pad text)',
        "INSERT INTO wide SELECT i, repeat('x', 50) FROM generate_series(1, 50000) AS i",
      ])
      database = db.name
      connection = await harness.driver().connect(db.options)
      admin = await harness.admin()
    })
    afterAll(async () => {
      await connection?.close()
      await harness.cleanup()
    })

    it('a failed export leaves no backend working for it, and ALTER TABLE gets its lock', async (context) => {
      const dir = diskOrSkip(context.skip)
      const service = new ExportService()
      const { client, events } = recordingClient()
      const path = join(dir, 'wide.csv')
      // ~300 kB of CSV a batch: the fourth fills the disk, and the fifth takes 600 s in the server,
      // so the export must notice the failed file while it waits for the server, not at the next write.
      const sql = 'SELECT w.*, pg_sleep(CASE WHEN id = 20001 THEN 600 ELSE 0 END) FROM wide w ORDER BY id'
      service.start(client, Promise.resolve(connection), 'postgres', {
        queryId: 'pg1',
        sql,
        format: 'csv',
        path,
        table: null,
      })
      const end = await endWithin(events, 20_000)
      expect(end.outcome).toBe('error')
      expect(end.error?.message).toMatch(/disk full/i)
      expect(readdirSync(dir)).toEqual([])
      // A cancel request is answered before the backend acts on it: give the backend a moment.
      await vi.waitFor(
        async () => {
          const { rows } = await admin.query<{ state: string; query: string }>(
            "SELECT state, query FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle'",
            [database],
          )
          expect(rows).toEqual([])
        },
        { timeout: 5_000, interval: 50 },
      )
      const other = await adminClient(harness.serverOptions(), database)
      try {
        await other.query("SET lock_timeout = '2s'")
        await other.query('ALTER TABLE wide ADD COLUMN added int')
      } finally {
        await other.end()
      }
    })
  })
  describeMysql('MariaDB: a slow query', (harness) => {
    let connection: DriverConnection
    let database = ''
    beforeAll(async () => {
      const db = await harness.createDatabase('disk_full', [
        'CREATE TABLE wide (id int PRIMARY KEY, pad text)',
        "INSERT INTO wide SELECT seq, repeat('x', 50) FROM seq_1_to_50000",
      ])
      database = db.options.database ?? ''
      connection = await harness.driver().connect(db.options)
    })
    afterAll(async () => {
      await connection?.close()
      await harness.cleanup()
    })

    it('a failed export leaves no thread working for it, and ALTER TABLE gets its lock', async (context) => {
      const dir = diskOrSkip(context.skip)
      const service = new ExportService()
      const { client, events } = recordingClient()
      const path = join(dir, 'wide-mariadb.csv')
      const sql = 'SELECT w.*, SLEEP(CASE WHEN id = 25001 THEN 600 ELSE 0 END) AS s FROM wide w ORDER BY id'
      service.start(client, Promise.resolve(connection), 'mysql', {
        queryId: 'my1',
        sql,
        format: 'csv',
        path,
        table: null,
      })
      const end = await endWithin(events, 20_000)
      expect(end.outcome).toBe('error')
      expect(end.error?.message).toMatch(/^Disk full/)
      expect(readdirSync(dir)).toEqual([])
      const admin = await harness.admin()
      const [busy] = await admin.query(
        "SELECT id, info FROM information_schema.PROCESSLIST WHERE db = ? AND command = 'Query' AND id <> CONNECTION_ID()",
        [database],
      )
      expect(busy).toEqual([])
      await admin.query(`SET SESSION lock_wait_timeout = 2`)
      await admin.query(`ALTER TABLE \`${database}\`.wide ADD COLUMN added int`)
    })
  })
})
