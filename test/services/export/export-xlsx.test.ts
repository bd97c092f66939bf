import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayloads, ResultColumn, WireValue } from '../../../src/shared/contract'
import { encodeRows } from '../../../src/shared/contract'
import type { DriverConnection, StreamItem } from '../../../src/main/drivers/driver'
import { ExportService } from '../../../src/main/services/export-service'
import { recordingClient } from '../recording-client'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-xlsx-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function endOf(events: ReturnType<typeof recordingClient>['events']) {
  for (let i = 0; i < 2000; i++) {
    const end = events.find((e) => e.event === 'export.end')
    if (end) return end.payload as EventPayloads['export.end']
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('export did not end')
}

type Result = { columns: ResultColumn[]; rows: WireValue[][] }

/** A script's stream: each result in turn (a statement, its columns, its rows, its summary). */
function resultsConnection(results: Result[]): DriverConnection {
  return {
    engine: 'postgres',
    async *stream(): AsyncIterable<StreamItem> {
      for (const [index, result] of results.entries()) {
        yield { kind: 'statement', index, offset: index * 10, sql: `select ${index}` }
        yield { kind: 'columns', columns: result.columns }
        yield { kind: 'rows', rows: encodeRows(result.rows), count: result.rows.length }
        yield { kind: 'summary', affectedRows: null }
      }
    },
  } as unknown as DriverConnection
}

const typed: Result = {
  columns: [
    { name: 'id', type: 'int8' },
    { name: 'big', type: 'int8' },
    { name: 'price', type: 'numeric' },
    { name: 'ratio', type: 'float8' },
    { name: 'ok', type: 'bool' },
    { name: 'note', type: 'text' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'timestamp' },
    { name: 'fine', type: 'timestamp' },
    { name: 'zoned', type: 'timestamptz' },
    { name: 'blob', type: 'bytea' },
  ],
  rows: [
    [
      1,
      { $: 'int', v: '9007199254740993' },
      '12345678901234567890.12',
      0.1,
      true,
      '',
      '2024-02-29',
      '2024-02-29 13:45:01.25',
      '2024-02-29 13:45:01.123456',
      '2024-02-29 13:45:01+02',
      { $: 'bytes', v: '00ff', n: 2 },
    ],
    [2, null, null, 1e21, false, null, null, null, null, null, null],
  ],
}

async function readBook(path: string) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  return book
}

describe('ExportService: XLSX', () => {
  it('writes each value exactly, as the right cell type, under a bold frozen header', async () => {
    const service = new ExportService()
    const rec = recordingClient()
    const path = join(dir, 'out.xlsx')
    service.start(rec.client, Promise.resolve(resultsConnection([typed])), 'postgres', {
      queryId: 'x',
      sql: 's',
      format: 'xlsx',
      path,
      table: '"public"."orders"',
      sheetName: 'orders',
    })
    expect(await endOf(rec.events)).toMatchObject({ outcome: 'done', rowsWritten: 2, error: null })
    const book = await readBook(path)
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['orders'])
    const ws = book.worksheets[0]!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getRow(1).values).toEqual([undefined, ...typed.columns.map((c) => c.name)])
    expect(ws.getRow(1).getCell(1).font).toMatchObject({ bold: true })
    const row = ws.getRow(2)
    expect(row.getCell(1).value).toBe(1)
    expect(row.getCell(2).value).toBe('9007199254740993')
    expect(row.getCell(3).value).toBe('12345678901234567890.12')
    expect(row.getCell(4).value).toBe(0.1)
    expect(row.getCell(5).value).toBe(true)
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2024, 1, 29)))
    expect(row.getCell(7).numFmt).toBe('yyyy-mm-dd')
    expect(row.getCell(8).value).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 45, 1, 250)))
    expect(row.getCell(9).value).toBe('2024-02-29 13:45:01.123456')
    expect(row.getCell(10).value).toBe('2024-02-29 13:45:01+02')
    expect(row.getCell(11).value).toBe('\\x00ff')
    const second = ws.getRow(3)
    expect(second.getCell(4).value).toBe(1e21)
    expect(second.getCell(5).value).toBe(false)
    // NULL is no cell at all ('' is an empty text cell, which exceljs reads back as null too).
    expect(second.getCell(2).type).toBe(ExcelJS.ValueType.Null)
    expect(ws.getColumn(3).width).toBe('12345678901234567890.12'.length + 2)
  })

  it('writes every result of a script as a sheet of one workbook', async () => {
    const service = new ExportService()
    const rec = recordingClient()
    const path = join(dir, 'script.xlsx')
    const first: Result = {
      columns: [{ name: 'id', type: 'int4', origin: { schema: 'public', table: 'events', column: 'id' } }],
      rows: [[1], [2], [3]],
    }
    const second: Result = { columns: [{ name: 'n', type: 'int8' }], rows: [[1000]] }
    const third: Result = {
      columns: [
        { name: 'text', type: 'text' },
        { name: 'missing', type: null },
      ],
      rows: [['a,b', null]],
    }
    service.start(rec.client, Promise.resolve(resultsConnection([first, second, third])), 'postgres', {
      queryId: 'all',
      sql: 's',
      format: 'xlsx',
      path,
      table: null,
      allResults: true,
    })
    expect(await endOf(rec.events)).toMatchObject({ outcome: 'done', rowsWritten: 5, path, error: null })
    expect(readdirSync(dir)).toEqual(['script.xlsx'])
    const book = await readBook(path)
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['events', 'Result 2', 'Result 3'])
    const values = book.worksheets.map((ws) =>
      ws
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1)),
    )
    expect(values).toEqual([
      [['id'], [1], [2], [3]],
      [['n'], [1000]],
      [['text', 'missing'], ['a,b']],
    ])
  })

  it('refuses a text longer than an Excel cell, and leaves no file', async () => {
    const service = new ExportService()
    const rec = recordingClient()
    const path = join(dir, 'long.xlsx')
    const long: Result = { columns: [{ name: 'body', type: 'text' }], rows: [['ok'], ['x'.repeat(40_000)]] }
    service.start(rec.client, Promise.resolve(resultsConnection([long])), 'postgres', {
      queryId: 'l',
      sql: 's',
      format: 'xlsx',
      path,
      table: null,
    })
    const end = await endOf(rec.events)
    expect(end.outcome).toBe('error')
    expect(end.error?.message).toContain('Column "body", row 2')
    expect(readdirSync(dir)).toEqual([])
  })
})
