import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { SqliteConnection } from '../../../src/main/drivers/sqlite/sqlite-connection'
import { createSqliteDriver } from '../../../src/main/drivers/sqlite/sqlite-driver'
import type { TestDatabase } from '../../helpers/engine-harness'
import { sqliteHarness } from '../../helpers/sqlite-harness'
import { collect, sleep } from '../../helpers/streams'

/** Whether the process still runs. An exited child whose parent died stays a zombie until reaped. */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
  } catch {
    return true // no procfs (macOS): kill(0) is all we have
  }
}

/** Waits (up to `ms`) for every pid to be gone. */
async function gone(pids: number[], ms = 1_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(20)) if (!pids.some(isRunning)) return true
  return false
}

/** The host processes behind a SQLite connection. */
describe('sqlite: host processes', () => {
  const harness = sqliteHarness()
  let db: TestDatabase

  beforeAll(async () => {
    db = await harness.createDatabase('hosts', harness.fixtures.series(10_000))
  })
  afterAll(() => harness.cleanup())

  it('caps query hosts: a further stream waits until one is released', async () => {
    const driver = createSqliteDriver({ hostScript: inject('sqliteHostScript'), maxQueryHosts: 2 })
    const connection = (await driver.connect(db.options)) as SqliteConnection
    try {
      const open = async (queryId: string) => {
        const iterator = connection.stream('SELECT * FROM series', { queryId, batchSize: 10 })[Symbol.asyncIterator]()
        await iterator.next() // statement
        await iterator.next() // columns
        return iterator
      }
      const first = await open('a')
      await open('b')
      let thirdStarted = false
      const third = open('c').then((iterator) => ((thirdStarted = true), iterator))
      await sleep(300)
      expect(thirdStarted).toBe(false)
      expect((await connection.diagnostics()).filter((h) => h.role === 'query')).toHaveLength(2)
      await first.return?.()
      const iterator = await third
      expect(((await iterator.next()).value as StreamItem).kind).toBe('rows')
      expect((await connection.diagnostics()).filter((h) => h.role === 'query')).toHaveLength(2)
    } finally {
      await connection.close()
    }
  })

  it('reuses an idle host for consecutive queries', async () => {
    const connection = (await harness.driver().connect(db.options)) as SqliteConnection
    try {
      for (let i = 0; i < 5; i++) await collect(connection.stream('SELECT 1', { queryId: `q${i}`, batchSize: 1 }))
      expect((await connection.diagnostics()).map((h) => h.role)).toEqual(['meta', 'query'])
    } finally {
      await connection.close()
    }
  })

  it('starts hosts with glibc reusing heap blocks for batch-sized allocations', async (context) => {
    if (!existsSync('/proc/self/environ')) {
      console.log('skipped: no procfs to read a host environment from')
      return context.skip()
    }
    const connection = (await harness.driver().connect(db.options)) as SqliteConnection
    try {
      const meta = (await connection.diagnostics()).find((h) => h.role === 'meta')
      const environ = readFileSync(`/proc/${meta!.pid!}/environ`, 'utf8').split('\0')
      expect(environ).toContain(`MALLOC_MMAP_THRESHOLD_=${32 * 2 ** 20}`)
      expect(environ).toContain(`MALLOC_TRIM_THRESHOLD_=${32 * 2 ** 20}`)
    } finally {
      await connection.close()
    }
  })

  it('replaces a metadata host killed from outside without failing the next call', async () => {
    const connection = (await harness.driver().connect(db.options)) as SqliteConnection
    try {
      const meta = (await connection.diagnostics()).find((h) => h.role === 'meta')
      process.kill(meta!.pid!, 'SIGKILL')
      expect((await connection.tables(db.name, 'main')).map((t) => t.name)).toEqual(['series'])
      const replaced = (await connection.diagnostics()).find((h) => h.role === 'meta')
      expect(replaced?.pid).not.toBe(meta?.pid)
    } finally {
      await connection.close()
    }
  })

  it('close ends every host process, busy ones included', async () => {
    const connection = (await harness.driver().connect(db.options)) as SqliteConnection
    const endless = connection.stream(harness.fixtures.endless, { queryId: 'endless', batchSize: 1 })
    const running = collect(endless).catch((error: unknown) => error)
    // The query host forks on the stream's first pull: wait for it (a loaded machine forks slowly).
    let pids: number[] = []
    for (const until = Date.now() + 10_000; pids.length < 2 && Date.now() < until; await sleep(50)) {
      pids = (await connection.diagnostics()).map((h) => h.pid!)
    }
    expect(pids).toHaveLength(2)
    await connection.close()
    expect(await gone(pids, 5_000)).toBe(true)
    expect(await running).toMatchObject({ error: { kind: 'connection' } })
  })

  it('a host exits by itself when its parent process dies', async () => {
    // A stand-in parent that forks a host, reports its pid, then is killed without cleanup.
    const parentScript = `
      const { fork } = require('node:child_process')
      const host = fork(process.argv[1], [], { serialization: 'advanced', stdio: 'ignore' })
      host.on('message', (m) => { if (m.type === 'ready') console.log(host.pid) })`
    const parent = spawn(process.execPath, ['-e', parentScript, inject('sqliteHostScript')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const hostPid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (data) => resolve(Number(String(data).trim()))),
    )
    expect(isRunning(hostPid)).toBe(true)
    parent.kill('SIGKILL')
    expect(await gone([hostPid])).toBe(true)
  })

  it('keeps better-sqlite3 out of the module graph main loads', async () => {
    // Only hosts may load the native addon: follow the value (non-type) imports from the registry.
    const seen = new Set<string>()
    const natives: string[] = []
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return
      seen.add(file)
      const source = await readFile(file, 'utf8')
      for (const [, what, from] of source.matchAll(/^import (type )?[^'"]*from '([^']+)'/gm)) {
        if (what) continue
        if (from === 'better-sqlite3') natives.push(file)
        else if (from?.startsWith('.')) {
          const target = resolve(dirname(file), from)
          await visit(existsSync(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts'))
        }
      }
    }
    await visit(fileURLToPath(new URL('../../../src/main/drivers/registry.ts', import.meta.url)))
    expect([...seen].some((file) => file.endsWith('sqlite-connection.ts'))).toBe(true)
    expect(natives).toEqual([])
  })
})
