import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { QuarryFailure, type ResultColumn, type WireValue } from '../../../shared/contract'
import type { ExportSink } from './download-sink'
import { isDateType, SheetNames, XLSX_MAX_CELL_TEXT, XLSX_MAX_ROWS, xlsxCell } from './xlsx-values'

type WorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>
type Worksheet = ReturnType<WorkbookWriter['addWorksheet']>

/** Column widths (characters) guessed from the header and the first batch. */
const MIN_WIDTH = 6
const MAX_WIDTH = 60
/** How long the compressed output must stay still for the compressor to count as caught up. */
const QUIET_MS = 10
/** A stalled pipeline fails the export instead of waiting forever. */
const STALL_MS = 60_000

/**
 * An XLSX workbook streamed into a sink with exceljs's streaming writer (never the in-memory
 * workbook): each result is a sheet whose rows are committed as they come, so memory holds one
 * batch and the compressor's window. Header row bold and frozen; widths from the first batch.
 */
export class XlsxBook {
  private readonly book: WorkbookWriter
  private readonly out: Writable
  private readonly names = new SheetNames()
  private sheet: { ws: Worksheet; columns: readonly ResultColumn[]; dates: boolean[]; rows: number } | null = null
  private failure: unknown = null
  private pendingBytes = 0
  private bytesOut = 0

  constructor(
    private readonly sink: ExportSink,
    private readonly signal: AbortSignal,
  ) {
    this.out = new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _encoding, done) => {
        this.pendingBytes += chunk.length
        this.bytesOut += chunk.length
        sink.write(chunk, signal).then(
          () => {
            this.pendingBytes -= chunk.length
            done()
          },
          (error: unknown) => done(error as Error),
        )
      },
    })
    this.out.on('error', (error) => (this.failure ??= error))
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: this.out,
      useStyles: true,
      useSharedStrings: false,
      // Fast compression: the compressor keeps up with the rows, so less waits in its queue.
      zip: { zlib: { level: 1 } },
    })
  }

  /** Starts a sheet for a result; rows go to it until `endSheet`. */
  beginSheet(wanted: string, columns: readonly ResultColumn[]): void {
    const ws = this.book.addWorksheet(this.names.next(wanted), { views: [{ state: 'frozen', ySplit: 1 }] })
    this.sheet = { ws, columns, dates: columns.map((c) => isDateType(c.type)), rows: 0 }
  }

  async rows(rows: readonly (readonly WireValue[])[]): Promise<void> {
    const sheet = this.sheet!
    if (sheet.rows === 0) this.header(rows)
    for (const row of rows) {
      if (sheet.rows + 1 >= XLSX_MAX_ROWS) throw tooMany()
      sheet.rows++
      const cells = sheet.columns.map((column, i) => {
        const cell = xlsxCell(row[i] ?? null, sheet.dates[i]!)
        if (cell === undefined) throw tooLong(column.name, sheet.rows)
        return cell
      })
      const written = sheet.ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.date : c)))
      cells.forEach((c, i) => {
        if (c !== null && typeof c === 'object') written.getCell(i + 1).numFmt = c.format
      })
      written.commit()
    }
    await this.settle()
  }

  /** Closes the current sheet (a result without rows still gets its header). */
  async endSheet(): Promise<void> {
    const sheet = this.sheet
    if (!sheet) return
    if (sheet.rows === 0) this.header([])
    sheet.ws.commit()
    this.sheet = null
    await this.settle()
  }

  /** Writes the workbook's closing parts; resolves once every byte reached the sink. */
  async finish(): Promise<void> {
    await this.endSheet()
    await this.book.commit()
    if (this.failure) throw this.failure
  }

  private header(sample: readonly (readonly WireValue[])[]): void {
    const { ws, columns, dates } = this.sheet!
    ws.columns = columns.map((column, i) => {
      let longest = column.name.length
      for (const row of sample.slice(0, 200)) {
        const cell = xlsxCell(row[i] ?? null, dates[i]!)
        const length =
          cell === undefined ? MAX_WIDTH : cell === null ? 0 : typeof cell === 'object' ? 19 : String(cell).length
        longest = Math.max(longest, length)
      }
      return { width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)) }
    })
    const head = ws.addRow(columns.map((column) => column.name))
    head.font = { bold: true }
    head.commit()
  }

  /**
   * Waits (bounded) until the compressor and the sink took what was written, so memory stays flat:
   * exceljs pushes rows into the zip without backpressure, so the batch is done once the sink has
   * no write pending and the compressed output has stopped growing for a moment.
   */
  private async settle(): Promise<void> {
    const started = Date.now()
    let seen = -1
    while (seen !== this.bytesOut || this.pendingBytes + this.out.writableLength > 0) {
      if (this.failure) throw this.failure
      if (this.signal.aborted) throw this.signal.reason
      if (Date.now() - started > STALL_MS) throw new Error('the XLSX writer stopped taking rows')
      seen = this.bytesOut
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS))
    }
  }
}

const tooLong = (column: string, row: number) =>
  new QuarryFailure({
    kind: 'invalid-input',
    message: `Column "${column}", row ${row}, holds more than ${XLSX_MAX_CELL_TEXT.toLocaleString('en-US')} characters, more than an Excel cell can: export as CSV or JSON`,
  })

const tooMany = () =>
  new QuarryFailure({
    kind: 'invalid-input',
    message: `An Excel sheet holds at most ${XLSX_MAX_ROWS.toLocaleString('en-US')} rows (the header included): export as CSV, or add a LIMIT`,
  })
