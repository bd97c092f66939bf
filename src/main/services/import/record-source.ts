import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import type { ImportSource } from '../../../shared/contract/import-model'
import { DelimitedParser, isBlankRecord, withoutBom, type ImportRecord } from './delimited-parser'
import { detectDelimiter } from './delimiter-detect'

/** The default NULL markers: an empty (unquoted) field, NULL and \N. */
export const DEFAULT_NULL_MARKERS = ['', 'NULL', '\\N'] as const

/** A file opened for reading records: its header, then its data records in batches. */
export interface RecordSource {
  header: string[]
  delimiter: string | null
  bytesTotal: number
  /** Bytes read so far (progress). */
  bytesRead(): number
  batches(): AsyncGenerator<ImportRecord[]>
  /** Stops reading (a file the engine loaded itself is never read here). */
  close?(): Promise<void>
  /** Delimited text, once read: what a direct load needs to know of how it was written. */
  textFacts?(): DelimitedFacts
}

/** How a delimited file's values were written (the NULL markers met, quotes read as text). */
export interface DelimitedFacts {
  markersSeen: string[]
  strayQuotes: number
}

/**
 * Bytes read and decoded at a time. Small pieces decode to strings in V8's young generation: 64 KiB
 * decodes a file about 10× cheaper (CPU) than 1 MiB pieces, whose strings are large objects.
 */
const CHUNK_BYTES = 64 * 1024

/** Reads the file's text in pieces (UTF-8, a leading BOM dropped), counting bytes. */
async function* textOf(
  file: string,
  signal: AbortSignal | undefined,
  counted: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let first = true
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES, signal }) as AsyncIterable<Buffer>) {
    counted(chunk.length)
    let text = decoder.write(chunk)
    if (first) text = withoutBom(text)
    first = false
    yield text
  }
  const rest = decoder.end()
  if (rest) yield rest
}

/** Delimited text: the first record names the columns. */
async function delimited(source: ImportSource, bytesTotal: number, signal?: AbortSignal): Promise<RecordSource> {
  let read = 0
  const nulls = new Set(source.nullMarkers)
  const pieces = textOf(source.file, signal, (n) => (read += n))
  const first = await pieces.next()
  const head = first.done ? '' : first.value
  const delimiter = source.delimiter ?? detectDelimiter(head.slice(0, 64 * 1024))
  const parser = new DelimitedParser(delimiter, nulls)
  let pending = parser.push(head).filter((r) => !isBlankRecord(r))
  while (pending.length === 0) {
    const next = await pieces.next()
    if (next.done) {
      pending = parser.end()
      break
    }
    pending = parser.push(next.value).filter((r) => !isBlankRecord(r))
  }
  const header = (pending.shift() ?? []).map((name, i) => name?.trim() || `column${i + 1}`)
  return {
    header,
    delimiter,
    bytesTotal,
    bytesRead: () => read,
    close: async () => void (await pieces.return(undefined)),
    textFacts: () => ({ markersSeen: [...parser.markersSeen], strayQuotes: parser.strayQuotes }),
    async *batches() {
      if (pending.length) yield pending
      for await (const text of pieces) {
        const records = parser.push(text).filter((r) => !isBlankRecord(r))
        if (records.length) yield records
      }
      const last = parser.end().filter((r) => !isBlankRecord(r))
      if (last.length) yield last
    },
  }
}

/** One JSON object per line: columns in the order keys are first met (read in a first pass). */
async function ndjson(source: ImportSource, bytesTotal: number, signal?: AbortSignal): Promise<RecordSource> {
  const keys = new Map<string, number>()
  for await (const objects of ndjsonObjects(source.file, signal, () => {})) {
    for (const o of objects) for (const k of Object.keys(o)) if (!keys.has(k)) keys.set(k, keys.size)
  }
  let read = 0
  const header = [...keys.keys()]
  const text = (v: unknown): string | null =>
    v === null || v === undefined
      ? null
      : typeof v === 'string'
        ? v
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v)
  return {
    header,
    delimiter: null,
    bytesTotal,
    bytesRead: () => read,
    async *batches() {
      for await (const objects of ndjsonObjects(source.file, signal, (n) => (read += n))) {
        yield objects.map((o) => header.map((k) => text(o[k])))
      }
    },
  }
}

async function* ndjsonObjects(
  file: string,
  signal: AbortSignal | undefined,
  counted: (n: number) => void,
): AsyncGenerator<Record<string, unknown>[]> {
  let carry = ''
  let line = 0
  const parse = (text: string): Record<string, unknown> => {
    line++
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`Line ${line} is not a JSON object`)
    }
    return value as Record<string, unknown>
  }
  for await (const text of textOf(file, signal, counted)) {
    const lines = (carry + text).split('\n')
    carry = lines.pop() ?? ''
    yield lines.filter((l) => l.trim() !== '').map(parse)
  }
  if (carry.trim() !== '') yield [parse(carry)]
}

/** Opens `source.file` for reading records. */
export async function openRecords(source: ImportSource, signal?: AbortSignal): Promise<RecordSource> {
  const { size } = await stat(source.file)
  // exceljs loads with the first workbook read (about 29 MB of main's memory otherwise).
  if (source.format === 'xlsx') return (await import('./xlsx-records')).xlsxRecords(source, size, signal)
  return source.format === 'ndjson' ? ndjson(source, size, signal) : delimited(source, size, signal)
}
