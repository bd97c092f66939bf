import type { ResultColumn, WireValue } from '../../../shared/contract'
import type { ExportSink } from './download-sink'
import { createFormatter, type ExportFormatter, type TextExportFormat } from './export-formatters'
import type { ResultWriter, WriterSetup } from './result-writers'
import { ZipArchive } from './zip-archive'

/** Fast compression: the compressor keeps up with the rows (as the XLSX writer's). */
const ZIP_LEVEL = 1

/**
 * Every result of a script as one .zip: a text file per result (named by `entryName`), each
 * streamed into the archive as its rows come, so one file (or one browser download) holds them all.
 */
export class ArchiveWriter implements ResultWriter {
  readonly sinks: ExportSink[]
  private zip: ZipArchive | null = null
  private formatter: ExportFormatter | null = null

  constructor(
    private readonly setup: WriterSetup,
    private readonly format: TextExportFormat,
    private readonly entryName: (result: number) => string,
  ) {
    this.sinks = setup.initial ? [setup.initial] : []
  }

  async begin(columns: readonly ResultColumn[], result: number): Promise<void> {
    if (!this.zip) {
      if (this.sinks.length === 0) this.sinks.push(await this.setup.open(1))
      const sink = this.sinks[0]!
      this.zip = new ZipArchive((chunk) => sink.write(chunk, this.setup.signal), ZIP_LEVEL)
    }
    await this.zip.begin(this.entryName(result))
    this.formatter = createFormatter(this.format, columns, this.setup.formatter)
    await this.zip.write(this.formatter.begin())
  }

  async rows(rows: readonly (readonly WireValue[])[]): Promise<void> {
    if (this.formatter) await this.zip?.write(this.formatter.rows(rows))
  }

  async end(): Promise<void> {
    if (this.formatter) {
      await this.zip?.write(this.formatter.end())
      await this.zip?.end()
    }
    this.formatter = null
  }

  async finish(): Promise<void> {
    await this.end()
    await this.zip?.finish()
  }
}
