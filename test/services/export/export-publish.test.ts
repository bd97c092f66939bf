import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ExportService, type StartExport } from '../../../src/main/services/export-service'
import type { EventPayloads } from '../../../src/shared/contract'
import { fakeConnection } from '../fake-connection'
import { recordingClient } from '../recording-client'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-publish-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs one export of `batches` × 100 rows to `path` and returns its end event. */
async function exportTo(path: string, batches: number, extra: Partial<StartExport> = {}) {
  const service = new ExportService()
  const { client, events } = recordingClient()
  service.start(client, Promise.resolve(fakeConnection(batches, 100, 1).connection), 'sqlite', {
    queryId: 'q',
    sql: 's',
    format: 'csv',
    path,
    table: null,
    ...extra,
  })
  for (let i = 0; i < 2_000; i++) {
    const end = events.find((e) => e.event === 'export.end')
    if (end) return end.payload as EventPayloads['export.end']
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('export did not end')
}

const rowCount = (path: string) => readFileSync(path, 'utf8').split('\r\n').length - 2

describe('publishing the finished file', () => {
  it('of two exports to the same new name, the second fails with "file exists" and the first is kept', async () => {
    const path = join(dir, 'same.csv')
    const [short, long] = await Promise.all([exportTo(path, 5), exportTo(path, 30)])
    expect(short).toMatchObject({ outcome: 'done', rowsWritten: 500 })
    expect(long.outcome).toBe('error')
    expect(long.error).toMatchObject({ kind: 'invalid-input', code: 'EEXIST' })
    expect(long.error?.message).toMatch(/^File exists \(.*same\.csv\)/)
    expect(rowCount(path)).toBe(500) // the first export's file, not replaced by the second
    expect(readdirSync(dir)).toEqual(['same.csv'])
  })

  it('with overwrite, a file that is there is replaced and keeps its mode (0600 stays 0600)', async () => {
    const path = join(dir, 'private.csv')
    writeFileSync(path, 'old')
    chmodSync(path, 0o600)
    const end = await exportTo(path, 2, { overwrite: true })
    expect(end.outcome).toBe('done')
    expect(rowCount(path)).toBe(200)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['private.csv'])
  })

  it('a new file gets the usual mode (0666 less the umask)', async () => {
    const path = join(dir, 'new.csv')
    expect((await exportTo(path, 1)).outcome).toBe('done')
    expect(statSync(path).mode & 0o777).toBe(0o666 & ~process.umask())
  })
})
