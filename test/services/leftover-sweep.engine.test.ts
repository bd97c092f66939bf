import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import { EXPORT_JOURNAL_FILE, ExportJournal } from '../../src/main/services/export/export-journal'
import { ExportService } from '../../src/main/services/export-service'
import { sweepStateTemporaries } from '../../src/main/services/leftover-sweep'
import { fakeConnection } from './fake-connection'
import { recordingClient } from './recording-client'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-leftovers-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The pid of a process that has exited (and was reaped): nobody is writing under it. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!

const touch = (...parts: string[]) => {
  writeFileSync(join(...parts), 'x')
  return join(...parts)
}

const journalWith = (parts: { path: string; pid: number }[]) =>
  writeFileSync(join(dir, EXPORT_JOURNAL_FILE), JSON.stringify({ version: 1, parts }))

describe('start-up sweep of what a crash left', () => {
  it('removes temporary state files whose writer is gone, and nothing else', async () => {
    const dead = deadPid()
    touch(dir, `connection-secrets.json.tmp-${dead}-0123abcd`)
    touch(dir, `connections.json.tmp-${dead}-deadbeef`)
    const running = `query-tabs.json.tmp-${process.pid}-00aa00aa` // a write of ours in progress
    touch(dir, running)
    for (const other of ['connections.json', `notes.txt.tmp-${dead}-0123abcd`, `x.json.tmp-${dead}-zz`])
      touch(dir, other)
    const removed = await sweepStateTemporaries(dir)
    expect(removed.sort()).toEqual([
      `connection-secrets.json.tmp-${dead}-0123abcd`,
      `connections.json.tmp-${dead}-deadbeef`,
    ])
    expect(readdirSync(dir).sort()).toEqual(
      ['connections.json', `notes.txt.tmp-${dead}-0123abcd`, running, `x.json.tmp-${dead}-zz`].sort(),
    )
  })

  it('removes the part files of exports a dead process recorded, never a file it did not create', async () => {
    const dead = deadPid()
    const exports = mkdtempSync(join(dir, 'exports-'))
    const leftover = touch(exports, '.out.csv.0123456789ab.quarry-part')
    const unrecorded = touch(exports, '.other.csv.ba9876543210.quarry-part') // not in the journal: not ours
    const notAPart = touch(exports, 'report.csv') // a journal entry that does not name a part file
    const live = touch(exports, '.live.csv.aaaaaaaaaaaa.quarry-part') // another running Quarry's export
    journalWith([
      { path: leftover, pid: dead },
      { path: notAPart, pid: dead },
      { path: live, pid: process.ppid },
      { path: join(exports, '.gone.csv.bbbbbbbbbbbb.quarry-part'), pid: dead },
    ])
    const journal = new ExportJournal(dir)
    expect(await journal.swept).toEqual([leftover, join(exports, '.gone.csv.bbbbbbbbbbbb.quarry-part')])
    expect(existsSync(leftover)).toBe(false)
    for (const kept of [unrecorded, notAPart, live]) expect(existsSync(kept)).toBe(true)
    const left = JSON.parse(readFileSync(join(dir, EXPORT_JOURNAL_FILE), 'utf8')) as { parts: unknown[] }
    expect(left.parts).toEqual([{ path: live, pid: process.ppid }])
  })

  it('an export is in the journal while it runs and out of it once done', async () => {
    const journal = new ExportJournal(dir)
    const service = new ExportService({ journal })
    const { client, events } = recordingClient()
    const path = join(dir, 'out.csv')
    service.start(client, Promise.resolve(fakeConnection(50, 10, 5).connection), 'sqlite', {
      queryId: 'j',
      sql: 's',
      format: 'csv',
      path,
      table: null,
    })
    const recorded = () =>
      (JSON.parse(readFileSync(join(dir, EXPORT_JOURNAL_FILE), 'utf8')) as { parts: { path: string }[] }).parts
    for (let i = 0; i < 200 && !existsSync(join(dir, EXPORT_JOURNAL_FILE)); i++)
      await new Promise((r) => setTimeout(r, 5))
    expect(recorded()).toEqual([
      { path: expect.stringMatching(/\.out\.csv\.[0-9a-f]{12}\.quarry-part$/), pid: process.pid },
    ])
    for (let i = 0; i < 1000 && !events.some((e) => e.event === 'export.end'); i++)
      await new Promise((r) => setTimeout(r, 5))
    expect(events.find((e) => e.event === 'export.end')?.payload).toMatchObject({ outcome: 'done' })
    await journal.add('/flush/the/queue').then(() => journal.remove('/flush/the/queue'))
    expect(recorded()).toEqual([])
  })

  it('the app sweeps its data directory when it starts', async () => {
    const dead = deadPid()
    const secretsLeftover = touch(dir, `connection-secrets.json.tmp-${dead}-0123abcd`)
    const partLeftover = touch(dir, '.big.csv.0123456789ab.quarry-part')
    journalWith([{ path: partLeftover, pid: dead }])
    const services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: dir,
    })
    await services.close()
    expect(existsSync(secretsLeftover)).toBe(false)
    expect(existsSync(partLeftover)).toBe(false)
  })
})
