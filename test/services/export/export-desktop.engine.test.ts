import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices, type AppServices } from '../../../src/main/app-services'
import type { EventPayloads } from '../../../src/shared/contract'
import { readZip } from '../../helpers/read-zip'
import { recordingClient } from '../recording-client'

/** The desktop app's exports: the path comes from the save dialog (here, a stand-in for it). */
describe('desktop exports (save dialog)', () => {
  let dir: string
  let services: AppServices
  let chosen = ''
  /** What the stand-in dialog was asked for: the format, and whether a .zip of every result. */
  const asked: Array<[string, boolean | undefined]> = []
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-desktop-export-'))
    const db = new Database(join(dir, 'sample.db'))
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY);
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000) INSERT INTO t SELECT x FROM c;`)
    db.close()
    services = createAppServices({
      host: 'electron',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      chooseExportPath: async (format, archive) => {
        asked.push([format, archive])
        return chosen
      },
    })
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const exportRows = async (queryId: string, rows: number, every?: { sql: string; archive: boolean }) => {
    const { client, events } = recordingClient()
    const sql = every?.sql ?? `SELECT id FROM t WHERE id <= ${rows}`
    const extra = every ? { allResults: true, archive: every.archive } : {}
    const started = await services.dispatch(
      'export.start',
      { connectionId: 'sample', queryId, sql, format: 'csv', ...extra },
      client,
    )
    expect(started).toMatchObject({ ok: true })
    for (let i = 0; i < 2_000; i++) {
      const end = events.find((e) => e.event === 'export.end')
      if (end) return end.payload as EventPayloads['export.end']
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    throw new Error('export did not end')
  }
  const rowCount = (path: string) => readFileSync(path, 'utf8').split('\r\n').length - 2

  it('two exports to one new name: the second to end fails with "file exists", the first is kept', async () => {
    chosen = join(dir, 'new.csv')
    // Usually the small one ends first, but which does depends on the machine (each takes a query
    // host; one may be started for it): whichever ended first holds the file, the other is refused.
    const ends = await Promise.all([exportRows('a', 10), exportRows('b', 50_000)])
    const done = ends.findIndex((end) => end.outcome === 'done')
    expect(ends.map((end) => end.outcome).sort()).toEqual(['done', 'error'])
    expect(ends[1 - done]!.error).toMatchObject({ code: 'EEXIST' })
    expect(rowCount(chosen)).toBe([10, 50_000][done])
  })

  it('a file that was there when chosen (the dialog asked) is replaced, keeping its mode', async () => {
    chosen = join(dir, 'there.csv')
    writeFileSync(chosen, 'old')
    chmodSync(chosen, 0o600)
    expect((await exportRows('c', 20)).outcome).toBe('done')
    expect(rowCount(chosen)).toBe(20)
    expect(statSync(chosen).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir).filter((name) => name.endsWith('.quarry-part'))).toEqual([])
  })

  it('every result as one .zip: the dialog asks for a .zip, and it holds a file per result', async () => {
    chosen = join(dir, 'script.zip')
    asked.length = 0
    const sql = 'SELECT id FROM t WHERE id <= 3; SELECT count(*) AS n FROM t'
    const end = await exportRows('z', 0, { sql, archive: true })
    expect(end).toMatchObject({ outcome: 'done', rowsWritten: 4, path: chosen })
    expect(asked).toEqual([['csv', true]])
    const files = readZip(readFileSync(chosen))
    expect(files.map((f) => [f.name, f.data.toString('utf8')])).toEqual([
      ['script-1.csv', 'id\r\n1\r\n2\r\n3\r\n'],
      ['script-2.csv', 'n\r\n50000\r\n'],
    ])
    expect(readdirSync(dir).filter((name) => name.startsWith('script'))).toEqual(['script.zip'])
  })
})
