import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices, type AppServices } from '../../../src/main/app-services'
import type { EventPayloads, ImportAnalysis } from '../../../src/shared/contract'
import { recordingClient } from '../recording-client'

/** import.analyse → import.start → import.progress/import.end over the contract, on the real SQLite driver. */
describe('import over the contract', () => {
  let dir: string
  let services: AppServices
  let file: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-import-contract-'))
    new Database(join(dir, 'sample.db')).close()
    file = join(dir, 'events.csv')
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `${i + 1};kind ${i % 7};${(i * 1.25).toFixed(2)};2024-05-0${(i % 9) + 1}`,
    )
    writeFileSync(file, ['id;kind;amount;day', ...lines].join('\n'))
    services = createAppServices({
      host: 'browser',
      version: 'test',
      dataDir: dir,
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
    })
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const source = () => ({ file, format: 'delimited' as const, delimiter: null, nullMarkers: [''] })

  it('analyses, imports into a new table with progress and an end, and refuses a relative path', async () => {
    const { client, events } = recordingClient()
    const answer = await services.dispatch(
      'import.analyse',
      { connectionId: 'sample', importId: 'a1', source: source() },
      client,
    )
    expect(answer.ok).toBe(true)
    const analysis = (answer as { value: ImportAnalysis }).value
    expect(analysis).toMatchObject({ rows: 5000, delimiter: ';' })
    expect(analysis.columns.map((c) => [c.kind, c.proposedType])).toEqual([
      ['smallint', 'INTEGER'],
      ['text', 'TEXT'],
      ['decimal', 'NUMERIC(6,2)'],
      ['date', 'DATE'],
    ])
    const columns = analysis.columns.map((c, i) => ({
      source: i,
      target: c.name,
      kind: c.kind,
      format: c.format,
      type: c.proposedType,
    }))
    const plan = {
      source: source(),
      schema: 'main',
      table: 'events',
      createTable: true,
      columns,
      dryRun: false,
      onError: 'skip' as const,
    }
    expect(await services.dispatch('import.start', { connectionId: 'sample', importId: 'r1', plan }, client)).toEqual({
      ok: true,
      value: { importId: 'r1' },
    })
    const deadline = Date.now() + 10_000
    const end = () => events.find((e) => e.event === 'import.end')?.payload as EventPayloads['import.end'] | undefined
    while (!end() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    // The run was given its file's analysis (the same reading, unchanged): the engine read the file itself.
    expect(end()).toMatchObject({
      outcome: 'done',
      result: { rowsWritten: 5000, rejected: 0, rejectsFile: null, path: 'file', fileLoadError: null },
    })
    expect(events.some((e) => e.event === 'import.progress')).toBe(true)
    const db = new Database(join(dir, 'sample.db'), { readonly: true })
    expect(db.prepare('SELECT COUNT(*) AS n, SUM(amount) AS s FROM events').get()).toEqual({ n: 5000, s: 15621875 })
    db.close()

    const relative = await services.dispatch(
      'import.analyse',
      { connectionId: 'sample', importId: 'a2', source: { ...source(), file: 'events.csv' } },
      client,
    )
    expect(relative).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })
})
