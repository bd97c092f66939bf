import type { ExportFormat, ResultColumn, WireValue } from '../../../shared/contract'
import { insertTargetOf } from '../../../shared/dialect/insert-target'
import { ArchiveWriter } from './archive-writer'
import type { ExportSink } from './download-sink'
import {
  createFormatter,
  type ExportFormatter,
  type FormatterOptions,
  type TextExportFormat,
} from './export-formatters'
import type { XlsxBook } from './xlsx-book'

/**
 * Writes the results of one export, each as it streams: text formats give each result its own
 * sink (one file, or one numbered file per result), XLSX gives each result a sheet of one workbook.
 */
export interface ResultWriter {
  /** Every sink opened so far (bytes written, commit, discard). */
  readonly sinks: readonly ExportSink[]
  begin(columns: readonly ResultColumn[], result: number): Promise<void>
  rows(rows: readonly (readonly WireValue[])[]): Promise<void>
  end(): Promise<void>
  /** After the last result: closes what spans results (the workbook). */
  finish(): Promise<void>
}

export interface WriterSetup {
  format: ExportFormat
  formatter: FormatterOptions
  /** Opens the sink of result n (1-based); called once for XLSX. */
  open(result: number): Promise<ExportSink>
  /** The sheet name of a single-result export (its table), else each result's table or "Result n". */
  sheetName?: string
  allResults: boolean
  signal: AbortSignal
  /** The sink opened before the query ran (a single file, the workbook or the archive), so a bad path fails first. */
  initial?: ExportSink
  /** Every result of a text format as one .zip: the name of result n's file in it. */
  archiveEntry?: (result: number) => string
}

export function createResultWriter(setup: WriterSetup): ResultWriter {
  if (setup.format === 'xlsx') return new WorkbookWriter(setup)
  return setup.archiveEntry
    ? new ArchiveWriter(setup, setup.format, setup.archiveEntry)
    : new TextWriter(setup, setup.format)
}

class TextWriter implements ResultWriter {
  readonly sinks: ExportSink[]
  private formatter: ExportFormatter | null = null

  constructor(
    private readonly setup: WriterSetup,
    private readonly format: TextExportFormat,
  ) {
    this.sinks = setup.initial ? [setup.initial] : []
  }

  async begin(columns: readonly ResultColumn[], result: number): Promise<void> {
    if (this.sinks.length < result) this.sinks.push(await this.setup.open(result))
    this.formatter = createFormatter(this.format, columns, this.setup.formatter)
    await this.write(this.formatter.begin())
  }

  async rows(rows: readonly (readonly WireValue[])[]): Promise<void> {
    if (this.formatter) await this.write(this.formatter.rows(rows))
  }

  async end(): Promise<void> {
    if (this.formatter) await this.write(this.formatter.end())
    this.formatter = null
  }

  finish(): Promise<void> {
    return this.end()
  }

  private write(text: string): Promise<void> {
    return this.sinks.at(-1)!.write(text, this.setup.signal)
  }
}

class WorkbookWriter implements ResultWriter {
  readonly sinks: ExportSink[]
  private book: XlsxBook | null = null

  constructor(private readonly setup: WriterSetup) {
    this.sinks = setup.initial ? [setup.initial] : []
  }

  async begin(columns: readonly ResultColumn[], result: number): Promise<void> {
    if (!this.book) {
      if (this.sinks.length === 0) this.sinks.push(await this.setup.open(1))
      // exceljs loads with the first workbook written (about 29 MB of main's memory otherwise).
      const { XlsxBook } = await import('./xlsx-book')
      this.book = new XlsxBook(this.sinks[0]!, this.setup.signal)
    }
    const table = insertTargetOf(columns)?.table
    const name = this.setup.allResults ? (table ?? `Result ${result}`) : (this.setup.sheetName ?? table ?? 'Result')
    this.book.beginSheet(name, columns)
  }

  async rows(rows: readonly (readonly WireValue[])[]): Promise<void> {
    await this.book?.rows(rows)
  }

  async end(): Promise<void> {
    await this.book?.endSheet()
  }

  async finish(): Promise<void> {
    await this.book?.finish()
  }
}
