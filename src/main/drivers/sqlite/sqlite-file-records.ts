import { closeSync, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { DelimitedParser, isBlankRecord, withoutBom, type ImportRecord } from '../../services/import/delimited-parser'

/** Bytes read and decoded at a time (as the import's own reader: small strings are cheap). */
const CHUNK_BYTES = 64 * 1024

/**
 * A delimited file read synchronously inside the SQLite host, in steps, giving the records the
 * import's own reader (record-source.ts) gives: the same parser, a leading BOM dropped, blank
 * lines skipped, the first record (the header) skipped.
 */
export class HostFileRecords {
  /** Bytes read so far. */
  bytes = 0
  private readonly fd: number
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  private readonly decoder = new StringDecoder('utf8')
  private readonly parser: DelimitedParser
  private pending: ImportRecord[] = []
  private header = false
  private first = true
  private atEnd = false

  constructor(file: string, delimiter: string, nullMarkers: readonly string[]) {
    this.parser = new DelimitedParser(delimiter, new Set(nullMarkers))
    this.fd = openSync(file, 'r')
  }

  /** The next `max` records, fewer only at the end of the file. */
  take(max: number): ImportRecord[] {
    while (this.pending.length < max && !this.atEnd) this.read()
    return this.pending.length <= max ? this.pending.splice(0) : this.pending.splice(0, max)
  }

  /** Whether every record was taken. */
  get ended(): boolean {
    return this.atEnd && this.pending.length === 0
  }

  close(): void {
    closeSync(this.fd)
  }

  private read(): void {
    const n = readSync(this.fd, this.buffer, 0, CHUNK_BYTES, null)
    if (n === 0) {
      const rest = this.decoder.end()
      this.keep([...(rest ? this.parser.push(rest) : []), ...this.parser.end()])
      this.atEnd = true
      return
    }
    this.bytes += n
    let text = this.decoder.write(this.buffer.subarray(0, n))
    if (this.first) text = withoutBom(text)
    this.first = false
    this.keep(this.parser.push(text))
  }

  private keep(records: ImportRecord[]): void {
    for (const record of records) {
      if (isBlankRecord(record)) continue
      if (this.header) this.pending.push(record)
      else this.header = true
    }
  }
}
