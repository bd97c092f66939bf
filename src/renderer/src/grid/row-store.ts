import type { EncodedRows } from '../../../shared/contract/row-batch'
import { readBatch, type RowBatchReader } from '../../../shared/contract/row-batch-reader'
import { encodeRows, firstRows } from '../../../shared/contract/row-batch-rows'
import type { ResultColumn } from '../../../shared/contract/model'
import { ABSENT_FIELD, type WireValue } from '../../../shared/contract/values'
import { defaultScheduler, type Scheduler } from './change-scheduler'

/** Receives the store's throttled "something changed" signal. */
export type RowStoreListener = () => void

/** A batch as held: its bytes as received (row-batch.ts), or rows given decoded. */
type Chunk = WireValue[][] | EncodedRows

/** A batch that could not be opened: its rows read as empty (NULL) rather than breaking a render. */
const BROKEN: RowBatchReader = {
  rowCount: 0,
  columnCount: 0,
  byteLength: 0,
  cell: () => null,
  row: () => [],
  column: () => [],
}

/**
 * The rows of one result, held outside React. Batches are kept as chunks exactly as they arrive
 * (no copying into one growing array, no decoding), and found by binary search over the chunks'
 * start rows. A cell is decoded from its batch's bytes when it is read, and only that cell: a grid
 * reads the cells in view, so memory follows the batches' byte size however far the user scrolls.
 * Listeners hear at most one change signal per scheduler tick, however many batches arrived.
 */
export class RowStore {
  private chunks: Chunk[] = []
  /** starts[i] is the index of chunk i's first row; ascending, one entry per chunk. */
  private starts: number[] = []
  private count = 0
  private cols: readonly ResultColumn[] = []
  /** The chunk of the last lookup: rendering reads rows in order, so it is usually hit again. */
  private lastChunk = 0
  /**
   * Readers of the batches read so far, by chunk index. A reader is its batch's header and column
   * directory (a few hundred bytes, no cells), so one is kept per batch once opened.
   */
  private readers: (RowBatchReader | undefined)[] = []
  private opened = 0
  private changeVersion = 0
  private readonly listeners = new Set<RowStoreListener>()
  private cancelPending: (() => void) | null = null

  constructor(private readonly schedule: Scheduler = defaultScheduler) {}

  /** Number of rows received so far. */
  get rowCount(): number {
    return this.count
  }

  /** The result's columns; empty until setColumns. */
  get columns(): readonly ResultColumn[] {
    return this.cols
  }

  /** Bumped on every emitted signal: a cheap, stable snapshot for useSyncExternalStore. */
  get version(): number {
    return this.changeVersion
  }

  /** Sets the columns of the result, once, before its rows; clear() first to start another. */
  setColumns(columns: readonly ResultColumn[]): void {
    if (this.count > 0) throw new Error('RowStore.setColumns: clear() the previous result first')
    this.cols = Object.freeze([...columns])
    this.changed()
  }

  /**
   * Appends columns to a result already streaming (document engines: a batch brought new fields).
   * `columns` must start with the current ones; rows received before have no cells for the new ones.
   */
  appendColumns(columns: readonly ResultColumn[]): void {
    const same = this.cols.every((column, i) => columns[i]?.name === column.name)
    if (!same || columns.length < this.cols.length)
      throw new Error('RowStore.appendColumns: columns may only be appended')
    if (columns.length === this.cols.length) return
    this.cols = Object.freeze([...columns])
    this.changed()
  }

  /**
   * Appends a batch as it came over the wire, kept as its bytes. `count` is the batch's row count
   * as announced (query.batch carries it); without it the batch's header is read for it.
   */
  append(encoded: EncodedRows, count?: number): void {
    const rows = count ?? this.open(encoded).rowCount
    if (rows > 0) this.push(encoded, rows)
  }

  /** Appends a batch; the array is kept as-is (not copied), so the caller must not mutate it. */
  appendRows(rows: WireValue[][]): void {
    // An empty chunk would share its start with the next one and confuse the search.
    if (rows.length > 0) this.push(rows, rows.length)
  }

  /** The value at (row, col), decoding that cell alone; null outside the result (callers stay within rowCount). */
  get(row: number, col: number): WireValue {
    if (row < 0 || row >= this.count || col < 0) return null
    const c = this.findChunk(row)
    const chunk = this.chunks[c]!
    const r = row - this.starts[c]!
    let width: number
    if (Array.isArray(chunk)) {
      const cells = chunk[r]!
      if (col < cells.length) return cells[col] ?? null
      width = cells.length
    } else {
      const reader = this.reader(c, chunk)
      if (r >= reader.rowCount) return null // the batch held fewer rows than announced
      if (col < reader.columnCount) return this.cell(reader, r, col)
      width = reader.columnCount
    }
    // A row received before appendColumns has no cell for the new columns: its document lacks them.
    return col >= width && col < this.cols.length ? ABSENT_FIELD : null
  }

  /** The whole row (decoded now, one cell per column), or undefined outside the result. */
  getRow(row: number): readonly WireValue[] | undefined {
    if (row < 0 || row >= this.count) return undefined
    const c = this.findChunk(row)
    const chunk = this.chunks[c]!
    if (Array.isArray(chunk)) return chunk[row - this.starts[c]!]
    const reader = this.reader(c, chunk)
    const r = row - this.starts[c]!
    if (r >= reader.rowCount) return []
    return Array.from({ length: reader.columnCount }, (_, col) => this.cell(reader, r, col))
  }

  /** Keeps only the first `rows` rows (the grid row limit was lowered below what had arrived). */
  truncate(rows: number): void {
    const keep = Math.max(0, Math.floor(rows))
    if (keep >= this.count) return
    let chunks = 0
    if (keep > 0) {
      const c = this.findChunk(keep - 1)
      const start = this.starts[c]!
      const chunk = this.chunks[c]!
      if (keep < (this.starts[c + 1] ?? this.count)) {
        this.chunks[c] = Array.isArray(chunk) ? chunk.slice(0, keep - start) : firstRows(chunk, keep - start)
      }
      chunks = c + 1
    }
    this.chunks.length = chunks
    this.starts.length = chunks
    this.count = keep
    this.lastChunk = 0
    this.forgetReaders()
    this.changed()
  }

  /** Drops every row and the columns, ready for the next result. */
  clear(): void {
    this.chunks = []
    this.starts = []
    this.count = 0
    this.cols = []
    this.lastChunk = 0
    this.forgetReaders()
    this.changed()
  }

  /** Registers a listener for the throttled change signal; returns the unsubscribe function. */
  subscribe = (listener: RowStoreListener): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Snapshot getter bound for useSyncExternalStore. */
  getVersion = (): number => this.changeVersion

  /** Sends any pending signal now (tests, or a final flush when a query ends). */
  flush(): void {
    if (!this.cancelPending) return
    this.cancelPending()
    this.emit()
  }

  private push(chunk: Chunk, count: number): void {
    this.chunks.push(chunk)
    this.starts.push(this.count)
    this.count += count
    this.changed()
  }

  /** How many batches have been opened for reading (a batch no cell was read from stays closed). */
  get openBatches(): number {
    return this.opened
  }

  /**
   * Every row as batches, in order: the batches as received, and rows given decoded encoded now
   * (a diff reads them as bytes). The returned batches are the store's own: do not change them.
   */
  encodedBatches(): EncodedRows[] {
    return this.chunks.map((chunk) => (Array.isArray(chunk) ? encodeRows(chunk, this.cols.length) : chunk))
  }

  /** Bytes held by the batches as received (the store's memory, beside decoded-row chunks). */
  get batchBytes(): number {
    let bytes = 0
    for (const chunk of this.chunks) if (!Array.isArray(chunk)) bytes += chunk.byteLength
    return bytes
  }

  private reader(c: number, chunk: EncodedRows): RowBatchReader {
    const kept = this.readers[c]
    if (kept) return kept
    const reader = this.open(chunk)
    const expected = (this.starts[c + 1] ?? this.count) - this.starts[c]!
    // Later chunks' offsets rest on the announced count, so a batch that disagrees is fitted to it.
    if (reader.rowCount !== expected)
      console.warn(`RowStore: batch announced ${expected} rows but held ${reader.rowCount}`)
    this.readers[c] = reader
    this.opened++
    return reader
  }

  private open(chunk: EncodedRows): RowBatchReader {
    try {
      return readBatch(chunk)
    } catch (error) {
      // Thrown here it would break the render that read the row; the batch shows as NULLs instead.
      console.error('RowStore: a batch could not be read', error)
      return BROKEN
    }
  }

  private cell(reader: RowBatchReader, row: number, col: number): WireValue {
    try {
      return reader.cell(row, col)
    } catch (error) {
      console.error('RowStore: a cell could not be read', error)
      return null
    }
  }

  private forgetReaders(): void {
    this.readers = []
    this.opened = 0
  }

  private findChunk(row: number): number {
    const starts = this.starts
    const last = this.lastChunk
    // Sequential reads stay in the cached chunk or step into the next one.
    if (last < starts.length && starts[last]! <= row) {
      if (last + 1 === starts.length || row < starts[last + 1]!) return last
      if (last + 2 === starts.length || row < starts[last + 2]!) return (this.lastChunk = last + 1)
    }
    // Largest i with starts[i] <= row.
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (starts[mid]! <= row) lo = mid
      else hi = mid - 1
    }
    return (this.lastChunk = lo)
  }

  private changed(): void {
    if (this.cancelPending) return
    this.cancelPending = this.schedule(() => this.emit())
  }

  private emit(): void {
    this.cancelPending = null
    this.changeVersion++
    for (const listener of [...this.listeners]) listener()
  }
}
