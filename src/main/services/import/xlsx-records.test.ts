import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRES } from '../../../shared/engines/postgres'
import { analyseFile } from './import-analysis'
import { openRecords } from './record-source'
import { cellText } from './xlsx-records'

describe('XLSX input (exceljs streaming reader)', () => {
  let dir: string
  let file: string
  const source = (sheet?: string) => ({
    file,
    format: 'xlsx' as const,
    delimiter: null,
    nullMarkers: ['', 'NULL'],
    ...(sheet ? { sheet } : {}),
  })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-xlsx-'))
    file = join(dir, 'book.xlsx')
    const book = new ExcelJS.Workbook()
    const first = book.addWorksheet('People')
    first.addRow(['id', 'name', 'amount', 'born', 'seen', 'active'])
    first.addRow([1, 'Ada', 12.5, new Date(Date.UTC(1990, 0, 31)), new Date(Date.UTC(2024, 4, 6, 13, 45, 7)), true])
    first.addRow([
      2,
      { richText: [{ text: 'Gr' }, { text: 'ace' }] },
      0.1,
      new Date(Date.UTC(1985, 11, 9)),
      null,
      false,
    ])
    first.addRow([]) // a blank row is skipped
    first.addRow([3, 'Linus', { formula: '1+2', result: 3 }, null, null, true])
    first.getColumn(4).numFmt = 'yyyy-mm-dd'
    const second = book.addWorksheet('Other')
    second.addRow(['code'])
    second.addRow(['x'])
    await book.xlsx.writeFile(file)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the first sheet: header, then cells as text the profiler understands', async () => {
    const records = await openRecords(source())
    expect(records.header).toEqual(['id', 'name', 'amount', 'born', 'seen', 'active'])
    const rows = []
    for await (const batch of records.batches()) rows.push(...batch)
    expect(rows).toEqual([
      ['1', 'Ada', '12.5', '1990-01-31', '2024-05-06 13:45:07', 'true'],
      ['2', 'Grace', '0.1', '1985-12-09', null, 'false'],
      ['3', 'Linus', '3', null, null, 'true'],
    ])
    expect(records.bytesRead()).toBe(records.bytesTotal)
  })

  it('profiles every column and reads a chosen sheet by name', async () => {
    const analysis = await analyseFile(source(), POSTGRES.import!)
    expect(analysis.rows).toBe(3)
    expect(analysis.columns.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'smallint'],
      ['name', 'text'],
      ['amount', 'decimal'],
      ['born', 'date'],
      ['seen', 'timestamp'],
      ['active', 'boolean'],
    ])
    const other = await analyseFile(source('Other'), POSTGRES.import!)
    expect(other.columns.map((c) => c.name)).toEqual(['code'])
    await expect(analyseFile(source('Missing'), POSTGRES.import!)).rejects.toThrow(/no sheet named Missing/)
  })

  it('writes numbers exactly and errors as written', () => {
    expect(cellText(123456789012345)).toBe('123456789012345')
    expect(cellText(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(cellText({ error: '#N/A' })).toBe('#N/A')
    expect(cellText({ text: 'site', hyperlink: 'https://example.org' })).toBe('site')
    expect(cellText(new Date(Date.UTC(2024, 1, 29, 0, 0, 0, 250)))).toBe('2024-02-29 00:00:00.250')
  })
})
