import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import { QuarryFailure, encodeRows } from '../../../src/shared/contract'
import type { DriverConnection, StreamItem, StreamOptions } from '../../../src/main/drivers/driver'
import { ExportService, numberedPath } from '../../../src/main/services/export-service'
import { validateExportPath } from '../../../src/main/services/export/export-path'
import { FileSink } from '../../../src/main/services/export/file-sink'
import { fakeConnection } from '../fake-connection'
import { recordingClient } from '../recording-client'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-export-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function endOf(events: ReturnType<typeof recordingClient>['events']) {
  for (let i = 0; i < 1000; i++) {
    const end = events.find((e) => e.event === 'export.end')
    if (end) return end.payload as EventPayloads['export.end']
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('export did not end')
}

/** A stream that yields `batches` batches, then fails or hangs as told. */
function scriptedConnection(batches: number, then: 'fail' | 'hang'): DriverConnection {
  return {
    engine: 'sqlite',
    async *stream(_sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
      yield { kind: 'statement', index: 0, offset: 0, sql: 'select' }
      yield { kind: 'columns', columns: [{ name: 'n', type: 'INTEGER' }] }
      for (let b = 0; b < batches; b++) yield { kind: 'rows', rows: encodeRows([[b]]), count: 1 }
      if (then === 'fail') throw new QuarryFailure({ kind: 'connection', message: 'server went away' })
      await new Promise((_, reject) =>
        options.signal?.addEventListener('abort', () =>
          reject(new QuarryFailure({ kind: 'cancelled', message: 'cancelled' })),
        ),
      )
    },
  } as unknown as DriverConnection
}

/** A script's stream: a statement without rows, then two results. */
function scriptConnection(failAfterFirst = false): DriverConnection {
  return {
    engine: 'sqlite',
    async *stream(): AsyncIterable<StreamItem> {
      yield { kind: 'statement', index: 0, offset: 0, sql: 'create' }
      yield { kind: 'columns', columns: [] }
      yield { kind: 'summary', affectedRows: 0 }
      yield { kind: 'statement', index: 1, offset: 10, sql: 'select a' }
      yield { kind: 'columns', columns: [{ name: 'a', type: 'INTEGER' }] }
      yield { kind: 'rows', rows: encodeRows([[1], [2]]), count: 2 }
      yield { kind: 'summary', affectedRows: null }
      if (failAfterFirst) throw new QuarryFailure({ kind: 'syntax', message: 'near "selec": syntax error' })
      yield { kind: 'statement', index: 2, offset: 20, sql: 'select b, c' }
      yield {
        kind: 'columns',
        columns: [
          { name: 'b', type: 'TEXT' },
          { name: 'c', type: null },
        ],
      }
      yield { kind: 'rows', rows: encodeRows([['x', null]]), count: 1 }
      yield { kind: 'summary', affectedRows: null }
    },
  } as unknown as DriverConnection
}

describe('ExportService: every result of a script', () => {
  it('writes one numbered file per result, and only the first result without allResults', async () => {
    const service = new ExportService()
    const all = recordingClient()
    const path = join(dir, 'out.csv')
    const request = { sql: 's', format: 'csv' as const, path, table: null }
    service.start(all.client, Promise.resolve(scriptConnection()), 'sqlite', {
      ...request,
      queryId: 'a',
      allResults: true,
    })
    const end = await endOf(all.events)
    const files = [join(dir, 'out-1.csv'), join(dir, 'out-2.csv')]
    expect(end).toMatchObject({ outcome: 'done', rowsWritten: 3, files, error: null })
    expect(readFileSync(files[0]!, 'utf8')).toBe('a\r\n1\r\n2\r\n')
    expect(readFileSync(files[1]!, 'utf8')).toBe('b,c\r\nx,\r\n')
    expect(end.bytesWritten).toBe(files.reduce((sum, file) => sum + readFileSync(file).length, 0))
    expect(readdirSync(dir).sort()).toEqual(['out-1.csv', 'out-2.csv'])

    const first = recordingClient()
    service.start(first.client, Promise.resolve(scriptConnection()), 'sqlite', { ...request, queryId: 'f' })
    expect(await endOf(first.events)).toMatchObject({ outcome: 'done', rowsWritten: 2 })
    expect(readFileSync(path, 'utf8')).toBe('a\r\n1\r\n2\r\n')
  })

  it('a statement failing after the first result leaves no file at all', async () => {
    const service = new ExportService()
    const { client, events } = recordingClient()
    const path = join(dir, 'out.csv')
    service.start(client, Promise.resolve(scriptConnection(true)), 'sqlite', {
      queryId: 'x',
      sql: 's',
      format: 'csv',
      path,
      table: null,
      allResults: true,
    })
    expect(await endOf(events)).toMatchObject({ outcome: 'error', error: { kind: 'syntax' } })
    expect(readdirSync(dir)).toEqual([])
  })

  it('numbers the name before its extension', () => {
    expect(numberedPath('/d/out.csv', 2)).toBe('/d/out-2.csv')
    expect(numberedPath('/d/out', 1)).toBe('/d/out-1')
    expect(numberedPath('/d.x/.hidden', 3)).toBe('/d.x/.hidden-3')
    expect(numberedPath('/d/a.b.json', 1)).toBe('/d/a.b-1.json')
  })
})

describe('ExportService', () => {
  it('writes every row to the chosen name, through a temporary file renamed at the end', async () => {
    const service = new ExportService()
    const { connection, progress } = fakeConnection(300, 10)
    const { client, events } = recordingClient()
    const path = join(dir, 'out.csv')
    service.start(client, Promise.resolve(connection), 'sqlite', {
      queryId: 'e1',
      sql: 's',
      format: 'csv',
      path,
      table: null,
    })
    const end = await endOf(events)
    expect(end).toMatchObject({ outcome: 'done', rowsWritten: 3000, path, error: null })
    const lines = readFileSync(path, 'utf8').split('\r\n')
    expect(lines[0]).toBe('n')
    expect(lines.slice(1, -1)).toEqual(Array.from({ length: 3000 }, (_, i) => String(i)))
    expect(end.bytesWritten).toBe(readFileSync(path).length)
    expect(readdirSync(dir)).toEqual(['out.csv'])
    expect(progress.released).toBe(true)
    expect(events.some((e) => e.event === 'export.progress')).toBe(true)
  })

  it('cancel stops the stream and leaves nothing under the chosen name', async () => {
    const service = new ExportService()
    const { client, events } = recordingClient()
    const path = join(dir, 'cancelled.json')
    service.start(client, Promise.resolve(scriptedConnection(5, 'hang')), 'sqlite', {
      queryId: 'e2',
      sql: 's',
      format: 'json',
      path,
      table: null,
    })
    // The temporary file, under another name, while the stream hangs.
    await vi.waitFor(() => expect(readdirSync(dir)).toHaveLength(1), { timeout: 5_000, interval: 20 })
    expect(readdirSync(dir)[0]).toMatch(/^\.cancelled\.json\.[0-9a-f]+\.quarry-part$/)
    expect(await service.cancel(client, 'e2')).toBe(true)
    const end = await endOf(events)
    expect(end.outcome).toBe('cancelled')
    expect(end.error).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it('a failure mid-stream leaves nothing, and an existing file under the name is kept as it was', async () => {
    const service = new ExportService()
    const { client, events } = recordingClient()
    const path = join(dir, 'failed.sql')
    writeFileSync(path, 'previous content')
    service.start(client, Promise.resolve(scriptedConnection(3, 'fail')), 'sqlite', {
      queryId: 'e3',
      sql: 's',
      format: 'sql',
      path,
      table: null,
    })
    const end = await endOf(events)
    expect(end.outcome).toBe('error')
    expect(end.error).toMatchObject({ kind: 'connection', message: 'server went away' })
    expect(readdirSync(dir)).toEqual(['failed.sql'])
    expect(readFileSync(path, 'utf8')).toBe('previous content')
  })

  it('a client that disconnects has its exports cancelled', async () => {
    const service = new ExportService()
    const { client, events, disconnect } = recordingClient()
    service.start(client, Promise.resolve(scriptedConnection(1, 'hang')), 'sqlite', {
      queryId: 'e4',
      sql: 's',
      format: 'ndjson',
      path: join(dir, 'gone.ndjson'),
      table: null,
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    disconnect()
    expect((await endOf(events)).outcome).toBe('cancelled')
    expect(readdirSync(dir)).toEqual([])
    expect(service.runningCount).toBe(0)
  })
})

describe('FileSink backpressure', () => {
  it('waits for the stream to drain when its buffer is full', async () => {
    const sink = await FileSink.open(join(dir, 'big.txt'), { overwrite: false })
    const chunk = 'x'.repeat(4 << 20) // larger than the 1 MiB buffer: write() must wait for drain
    for (let i = 0; i < 8; i++) await sink.write(chunk)
    await sink.commit()
    expect(readFileSync(join(dir, 'big.txt')).length).toBe(32 << 20)
  })
})

describe('validateExportPath (browser mode)', () => {
  it('wants an absolute path in an existing folder, and no silent overwrite', async () => {
    await expect(validateExportPath('relative.csv', false)).rejects.toThrow(/absolute/)
    await expect(validateExportPath(join(dir, 'missing', 'x.csv'), false)).rejects.toThrow(/folder does not exist/)
    await expect(validateExportPath(dir, true)).rejects.toThrow(/is a folder/)
    writeFileSync(join(dir, 'there.csv'), '')
    await expect(validateExportPath(join(dir, 'there.csv'), false)).rejects.toThrow(/already exists/)
    expect(await validateExportPath(join(dir, 'there.csv'), true)).toBe(join(dir, 'there.csv'))
    expect(await validateExportPath(join(dir, 'sub', '..', 'new.csv'), false)).toBe(join(dir, 'new.csv'))
  })
})
