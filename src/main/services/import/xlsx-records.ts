import { createReadStream } from 'node:fs'
import ExcelJS from 'exceljs'
import { QuarryFailure, type ImportSource } from '../../../shared/contract'
import type { ImportRecord } from './delimited-parser'
import type { RecordSource } from './record-source'

/** Rows handed on per batch. */
const BATCH_ROWS = 1000

const two = (n: number): string => String(n).padStart(2, '0')

/**
 * One cell as the text the profiler reads: numbers exactly as stored (shortest round-trip form),
 * dates as ISO 8601 (a date alone when it has no time of day; Excel's dates carry no zone, read as
 * UTC), booleans as true/false, rich text and hyperlinks as their text, formulas as their result,
 * errors (#N/A…) as written.
 */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const day = `${String(value.getUTCFullYear()).padStart(4, '0')}-${two(value.getUTCMonth() + 1)}-${two(value.getUTCDate())}`
    const [h, m, s, ms] = [
      value.getUTCHours(),
      value.getUTCMinutes(),
      value.getUTCSeconds(),
      value.getUTCMilliseconds(),
    ]
    if (h === 0 && m === 0 && s === 0 && ms === 0) return day
    return `${day} ${two(h)}:${two(m)}:${two(s)}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (Array.isArray(o['richText'])) return (o['richText'] as { text?: string }[]).map((r) => r.text ?? '').join('')
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o['result'])
    if (typeof o['text'] === 'string') return o['text']
    if (typeof o['error'] === 'string') return o['error']
  }
  return String(value as string)
}

/** A row's cells (exceljs: 1-based, sparse) as a record at least `width` long. */
function recordOf(values: unknown, width: number): ImportRecord {
  const cells = Array.isArray(values) ? values : []
  const record: ImportRecord = []
  for (let c = 1; c < Math.max(cells.length, width + 1); c++) record.push(cellText(cells[c]))
  return record
}

const blank = (r: ImportRecord): boolean => r.every((v) => v === null || v === '')

/**
 * An XLSX workbook's sheet (the named one, else the first), streamed with exceljs's WorkbookReader
 * (the file is never loaded whole): the first non-empty row names the columns.
 */
export async function xlsxRecords(
  source: ImportSource,
  bytesTotal: number,
  signal?: AbortSignal,
): Promise<RecordSource> {
  let read = 0
  const input = createReadStream(source.file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })
  input.on('data', (chunk) => (read += chunk.length))
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const rows = (async function* (): AsyncGenerator<unknown> {
    let found = false
    for await (const sheet of workbook) {
      const name = (sheet as unknown as { name?: string }).name
      if (found || (source.sheet && name !== source.sheet)) {
        // The other sheets are read past (a zip is read in order), not kept.
        for await (const row of sheet) void row
        continue
      }
      found = true
      for await (const row of sheet) yield row.values
    }
    if (!found)
      throw new QuarryFailure({
        kind: 'invalid-input',
        message: source.sheet ? `The workbook has no sheet named ${source.sheet}` : 'The workbook has no sheet',
        path: 'sheet',
      })
  })()
  let header: string[] = []
  for (;;) {
    const next = await rows.next()
    if (next.done) break
    const first = recordOf(next.value, 0)
    if (blank(first)) continue
    header = first.map((name, i) => name?.trim() || `column${i + 1}`)
    break
  }
  const width = header.length
  return {
    header,
    delimiter: null,
    bytesTotal,
    bytesRead: () => read,
    async *batches() {
      let batch: ImportRecord[] = []
      try {
        for await (const values of rows) {
          const record = recordOf(values, width)
          if (blank(record)) continue
          batch.push(record)
          if (batch.length >= BATCH_ROWS) {
            yield batch
            batch = []
          }
        }
        if (batch.length) yield batch
      } finally {
        input.destroy()
      }
    },
  }
}
