import type { ResultColumn } from '../../../shared/contract/model'
import { ABSENT_FIELD, decodeRows, type EncodedRows, type WireValue } from '../../../shared/contract/values'
import { defaultScheduler, type Scheduler } from './change-scheduler'
import { rowOffsets } from './row-offsets'

/** Receives the store's throttled "something changed" signal. */
export type RowStoreListener = () => void

/** A batch as held: its wire text (compact: one string per batch), or rows given decoded. */
type Chunk = WireValue[][] | EncodedRows

/**
 * Batches kept decoded at once. Decoded rows cost several times their wire text, so only the
 * batches recently read (those in view) stay decoded; the others are parsed again when read.
 */
export const DECODED_CHUNKS = 8

/** Rows read one at a time that are kept parsed (a sorted or filtered view reads rows at random). */
const SINGLE_ROWS = 4096

/**
 * The rows of one result, held outside React. Batches are kept as chunks exactly as they arrive
 * (no copying into one growing array), and found by binary search over the chunks' start rows.
 * Chunks stay as wire text; at most DECODED_CHUNKS of them are held decoded (least recently used
 * first out), so memory follows the text's size however far the user scrolls.
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
  /** Decoded rows of text chunks, by chunk index, in least-recently-used order. */
  private decoded = new Map<number, WireValue[][]>()
  /** Row boundaries of text batches read one row at a time (null: the text could not be split). */
  private offsets = new Map<number, Uint32Array | null>()
  /** Rows parsed one at a time, by row index (a bounded cache, emptied when full). */
  private singleRows = new Map<number, WireValue[]>()
  /** The batch of the last read that found no decoded batch. */
  private lastMiss = -1
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
   * Appends a batch as it came over the wire. Given the batch's row count (query.batch carries
   * it), parsing waits until a row of the batch is first read: JSON.parse is most of the cost of
   * streaming, and a grid only ever reads the batches scrolled into view.
   */
  append(encoded: EncodedRows, count?: number): void {
    if (count === undefined) return this.appendRows(decodeRows(encoded))
    if (count <= 0) return
    this.push(encoded, count)
  }

  /** Appends a batch; the array is kept as-is (not copied), so the caller must not mutate it. */
  appendRows(rows: WireValue[][]): void {
    // An empty chunk would share its start with the next one and confuse the search.
    if (rows.length > 0) this.push(rows, rows.length)
  }

  /** The value at (row, col); null outside the result (callers stay within rowCount). */
  get(row: number, col: number): WireValue {
    const cells = this.getRow(row)
    if (!cells) return null
    // A row received before appendColumns has no cell for the new columns: its document lacks them.
    return col < cells.length ? (cells[col] ?? null) : col < this.cols.length ? ABSENT_FIELD : null
  }

  /** The whole row, or undefined outside the result. */
  getRow(row: number): readonly WireValue[] | undefined {
    if (row < 0 || row >= this.count) return undefined
    const c = this.findChunk(row)
    const chunk = this.chunks[c]!
    if (typeof chunk !== 'string') return chunk[row - this.starts[c]!]
    if (this.decoded.has(c)) return this.decodedChunk(c, chunk)[row - this.starts[c]!]
    const single = this.singleRows.get(row)
    if (single) return single
    if (c === this.lastMiss) return this.decodedChunk(c, chunk)[row - this.starts[c]!]
    // A read outside the decoded batches: parse just that row, unless reads go on in this batch
    // (scrolling), which then decodes it whole. Random reads (a sorted view) stay one row each.
    this.lastMiss = c
    return this.singleRow(c, chunk, row)
  }

  private singleRow(c: number, chunk: EncodedRows, row: number): readonly WireValue[] | undefined {
    const start = this.starts[c]!
    let offsets = this.offsets.get(c)
    if (offsets === undefined) {
      offsets = rowOffsets(chunk, (this.starts[c + 1] ?? this.count) - start)
      this.offsets.set(c, offsets)
    }
    if (!offsets) return this.decodedChunk(c, chunk)[row - start]
    const i = (row - start) * 2
    let parsed: WireValue[]
    try {
      parsed = JSON.parse(chunk.slice(offsets[i], offsets[i + 1])) as WireValue[]
    } catch {
      return this.decodedChunk(c, chunk)[row - start]
    }
    if (this.singleRows.size >= SINGLE_ROWS) this.singleRows.clear()
    this.singleRows.set(row, parsed)
    return parsed
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
        const cells = typeof chunk === 'string' ? this.decodedChunk(c, chunk) : chunk
        this.chunks[c] = cells.slice(0, keep - start)
      }
      chunks = c + 1
    }
    this.chunks.length = chunks
    this.starts.length = chunks
    this.count = keep
    this.lastChunk = 0
    this.decoded.clear()
    this.offsets.clear()
    this.singleRows.clear()
    this.lastMiss = -1
    this.changed()
  }

  /** Drops every row and the columns, ready for the next result. */
  clear(): void {
    this.chunks = []
    this.starts = []
    this.count = 0
    this.cols = []
    this.lastChunk = 0
    this.decoded.clear()
    this.offsets.clear()
    this.singleRows.clear()
    this.lastMiss = -1
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

  /** How many batches are held decoded right now (at most DECODED_CHUNKS). */
  get decodedChunks(): number {
    return this.decoded.size
  }

  private decodedChunk(c: number, encoded: EncodedRows): WireValue[][] {
    const cached = this.decoded.get(c)
    if (cached) {
      if (this.decoded.size > 1) {
        // Most recently used last.
        this.decoded.delete(c)
        this.decoded.set(c, cached)
      }
      return cached
    }
    const rows = this.decode(c, encoded)
    this.decoded.set(c, rows)
    if (this.decoded.size > DECODED_CHUNKS) this.decoded.delete(this.decoded.keys().next().value!)
    return rows
  }

  private decode(c: number, encoded: EncodedRows): WireValue[][] {
    let rows: WireValue[][]
    try {
      rows = decodeRows(encoded)
    } catch (error) {
      // Thrown here it would break the render that read the row; the batch shows as NULLs instead.
      console.error('RowStore: a batch could not be decoded', error)
      rows = []
    }
    const expected = (this.starts[c + 1] ?? this.count) - this.starts[c]!
    // Later chunks' offsets rest on the announced count, so a batch that disagrees is fitted to it.
    if (rows.length !== expected) {
      console.warn(`RowStore: batch announced ${expected} rows but held ${rows.length}`)
      rows.length = expected
      for (let i = 0; i < expected; i++) rows[i] ??= []
    }
    return rows
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
