import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import type { ImportRecord } from './delimited-parser'

const field = (v: string | null): string =>
  v === null ? '' : v === '' || /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v

/**
 * The rows an import did not write, as CSV: the file's own columns, then the row's number and the
 * reason. Opened on the first reject only, so a clean run leaves no file.
 */
export class RejectsFile {
  private out: WriteStream | null = null
  count = 0

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
  ) {}

  async add(row: number, record: ImportRecord, reason: string): Promise<void> {
    if (!this.out) {
      this.out = createWriteStream(this.path, { flags: 'w' })
      this.out.write([...this.header, '_row', '_reason'].map(field).join(',') + '\r\n')
    }
    this.count++
    const line = [...record, String(row), reason].map(field).join(',') + '\r\n'
    if (!this.out.write(line)) await once(this.out, 'drain')
  }

  /** Flushes and closes it; null when nothing was rejected. */
  async close(): Promise<string | null> {
    if (!this.out) return null
    const out = this.out
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
    return this.path
  }
}
