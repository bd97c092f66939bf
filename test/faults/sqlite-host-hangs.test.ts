import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createSqliteDriver } from '../../src/main/drivers/sqlite/sqlite-driver'
import { QuarryFailure } from '../../src/shared/contract'
import { eventually } from './engines'
import { buildServeEntry, startServed } from './served-process'
import type { ServedProcess } from './served-process'

const linux = process.platform === 'linux'
if (!linux) console.log('[sqlite hangs] not run: needs mkfifo and /proc (Linux)')

/** Pids whose parent is `parent`, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // Field 4 of /proc/<pid>/stat, after the command name in parentheses.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent
      } catch {
        return false
      }
    })
    .map(Number)
}

/** The kernel function a process sleeps in ('' when unknown). */
const wchan = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8')
  } catch {
    return ''
  }
}

/** Running (a zombie, dead but not yet reaped by whoever adopted it, counts as gone). */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

describe.skipIf(!linux)('SQLite: files that block, and hosts that outlive main', () => {
  let dir = ''
  let fifo = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-sqlite-hangs-'))
    fifo = join(dir, 'pipe.db')
    execFileSync('mkfifo', [fifo])
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([false, true])('refuses a FIFO as the database file at once (read-only: %s)', async (readOnly) => {
    const driver = createSqliteDriver({ hostScript: inject('sqliteHostScript') })
    const started = performance.now()
    const error = await driver.connect({ engine: 'sqlite', file: fifo, readOnly }).then(
      () => null,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(QuarryFailure)
    expect((error as QuarryFailure).error).toMatchObject({ kind: 'invalid-input' })
    expect((error as QuarryFailure).error.message).toMatch(/named pipe \(FIFO\), not a database file/)
    expect(performance.now() - started).toBeLessThan(1000)
    // A directory too.
    await expect(driver.connect({ engine: 'sqlite', file: dir, readOnly })).rejects.toThrow(/is a directory/)
  })

  describe('a host stuck inside SQLite when main is killed (SIGKILL)', () => {
    let served: ServedProcess
    beforeAll(async () => {
      const script = await buildServeEntry()
      served = await startServed(script, {
        QUARRY_DATA_DIR: join(dir, 'data'),
        QUARRY_SAMPLE_DB: join(dir, 'sample.db'),
      })
    }, 60_000)
    afterAll(() => served?.stop())

    it('dies with main, though it never sees the disconnect', async () => {
      // On a read-only connection ATTACH opens the FIFO read-only: the host's only thread blocks
      // in open() until a writer comes, and never gets back to its event loop.
      const file = join(dir, 'regular.db')
      new Database(file).exec('CREATE TABLE t (a)').close()
      const saved = await served.call('connections.save', {
        profile: { name: 'read-only file', engine: 'sqlite', file, readOnly: true },
      })
      expect(saved).toMatchObject({ ok: true })
      const connectionId = (saved.value as { id: string }).id
      const sql = `ATTACH DATABASE '${fifo}' AS stuck`
      const started = await served.call('query.start', { connectionId, queryId: 'stuck-on-fifo', sql })
      expect(started).toMatchObject({ ok: true })
      const main = served.child.pid!
      // Wait until a host really is stuck: blocked in the kernel, opening the FIFO.
      const stuck = () => childrenOf(main).filter((pid) => wchan(pid) === 'wait_for_partner')
      expect(await eventually(async () => stuck().length > 0, 15_000)).toBe(true)
      const hosts = childrenOf(main)
      console.log(
        `[sqlite hangs] main ${main}, hosts ${hosts.join(', ')}, stuck opening the FIFO: ${stuck().join(', ')}`,
      )
      served.child.kill('SIGKILL')
      const killedAt = performance.now()
      const gone = await eventually(async () => hosts.every((pid) => !alive(pid)), 5_000)
      const survivors = hosts.filter(alive)
      // Never leave one behind, even when the check fails.
      for (const pid of survivors) process.kill(pid, 'SIGKILL')
      expect(survivors).toEqual([])
      expect(gone).toBe(true)
      console.log(`[sqlite hangs] every host gone ${Math.round(performance.now() - killedAt)} ms after main was killed`)
    })
  })
})
