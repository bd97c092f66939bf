import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import type { GridSource } from '../grid-model'
import { countColumnValues, type ColumnValues } from './column-values'
import { filterRows, sortRows, type ColumnFilter, type SortSpec, type ViewSource } from './view-compute'

/** The source a view wraps: rows by index plus a change signal. RowStore is one. */
export type ViewBase = ViewSource &
  Pick<GridSource, 'version' | 'subscribe'> & { getRow?(row: number): readonly WireValue[] | undefined }

/** Rows kept decoded for a sorted/filtered view, whose rows on screen come from scattered batches. */
const ROW_CACHE_SIZE = 4096

/** A view's status for the toolbar. */
export interface ViewStatus {
  /** The first sort key (null: rows as received). */
  sort: SortSpec | null
  /** Every sort key, most significant first. */
  sorts: readonly SortSpec[]
  filter: string
  /** Each column's values filter: the column and how many values it keeps. */
  columnFilters: readonly { col: number; values: number }[]
  /** Rows shown / rows loaded (equal when no filter). */
  shown: number
  loaded: number
  computing: boolean
  /** How long the last sort/filter took over how many rows. */
  lastMs: number | null
  lastRows: number
}

/** Rows that arrive after a sort/filter are folded in at most this often. */
const REFRESH_MS = 750

/**
 * The grid's rows in display order: the loaded rows of a store, filtered by a quick-filter text and
 * sorted by one column, as a Uint32Array permutation (4 bytes a row, nothing copied). Computed
 * asynchronously in slices, off React's render path; the previous order stays on screen meanwhile.
 */
export class RowView implements GridSource {
  private perm: Uint32Array | null = null
  /** Sort keys, most significant first. */
  private sortSpecs: SortSpec[] = []
  private filterText = ''
  private columnFilters: ColumnFilter[] = []
  private computing = false
  private pending = false
  private token = { cancelled: false }
  private permFor = 0
  private lastMs: number | null = null
  private lastRows = 0
  private ownVersion = 0
  private orderCount = 0
  private refreshTimer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private readonly rowCache = new Map<number, readonly WireValue[]>()
  /** The base's version the cached rows were read at (staged edits change rows in place). */
  private cacheVersion = -1
  private offBase: (() => void) | null = null

  constructor(private readonly base: ViewBase) {}

  get columns(): readonly ResultColumn[] {
    return this.base.columns
  }

  get rowCount(): number {
    return this.perm ? this.perm.length : this.base.rowCount
  }

  get version(): number {
    return this.base.version + this.ownVersion
  }

  /** Changes whenever a new order (permutation) takes effect. */
  get orderVersion(): number {
    return this.orderCount
  }

  /** The store's row index of a displayed row. */
  baseRow(row: number): number {
    return this.perm ? (this.perm[row] ?? -1) : row
  }

  get(row: number, col: number): WireValue {
    if (!this.perm) return this.base.get(row, col)
    const base = this.perm[row]
    if (base === undefined) return null
    if (!this.base.getRow) return this.base.get(base, col)
    if (this.cacheVersion !== this.base.version) {
      this.rowCache.clear()
      this.cacheVersion = this.base.version
    }
    // A permuted screen reads rows from many batches; the store keeps few decoded, so rows are cached here.
    let values = this.rowCache.get(base)
    if (!values) {
      values = this.base.getRow(base) ?? []
      if (this.rowCache.size >= ROW_CACHE_SIZE) this.rowCache.delete(this.rowCache.keys().next().value!)
      this.rowCache.set(base, values)
    }
    return values[col] ?? null
  }

  status(): ViewStatus {
    return {
      sort: this.sortSpecs[0] ?? null,
      sorts: this.sortSpecs,
      filter: this.filterText,
      columnFilters: this.columnFilters.map((f) => ({ col: f.col, values: f.keys.size })),
      shown: this.rowCount,
      loaded: this.base.rowCount,
      computing: this.computing,
      lastMs: this.lastMs,
      lastRows: this.lastRows,
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    const off = this.base.subscribe(listener)
    if (!this.offBase) this.offBase = this.base.subscribe(() => this.baseChanged())
    return () => {
      this.listeners.delete(listener)
      off()
      if (this.listeners.size === 0) {
        this.offBase?.()
        this.offBase = null
      }
    }
  }

  /**
   * Header click: ascending, then descending, then the order the rows came in. With `add`
   * (shift+click) the column is cycled as one more key after the others, the rest kept.
   */
  cycleSort(col: number, add = false): void {
    const at = this.sortSpecs.findIndex((spec) => spec.col === col)
    const current = this.sortSpecs[at]
    const next: SortSpec | null = !current
      ? { col, descending: false }
      : current.descending
        ? null
        : { col, descending: true }
    if (!add) this.sortSpecs = next ? [next] : []
    else if (at < 0) this.sortSpecs = [...this.sortSpecs, next!]
    else this.sortSpecs = this.sortSpecs.flatMap((spec, i) => (i !== at ? [spec] : next ? [next] : []))
    this.recompute()
  }

  setSort(spec: SortSpec | null): void {
    this.sortSpecs = spec ? [spec] : []
    this.recompute()
  }

  /** Sorts by several keys, most significant first (an empty list: rows as received). */
  setSorts(specs: readonly SortSpec[]): void {
    this.sortSpecs = [...specs]
    this.recompute()
  }

  setFilter(text: string): void {
    if (text === this.filterText) return
    this.filterText = text
    this.recompute()
  }

  /** Keeps the rows whose column holds one of the values (keys from valueKey); null clears it. */
  setColumnFilter(col: number, keys: ReadonlySet<string> | null): void {
    const rest = this.columnFilters.filter((f) => f.col !== col)
    this.columnFilters = keys ? [...rest, { col, keys: new Set(keys) }] : rest
    this.recompute()
  }

  /** The values a column's filter keeps, or null when the column has none. */
  columnFilter(col: number): ReadonlySet<string> | null {
    return this.columnFilters.find((f) => f.col === col)?.keys ?? null
  }

  clearColumnFilters(): void {
    if (this.columnFilters.length === 0) return
    this.columnFilters = []
    this.recompute()
  }

  /** The distinct values of a column over every loaded row (not only those shown), in slices. */
  columnValues(col: number, token: { readonly cancelled: boolean }): Promise<ColumnValues | null> {
    return countColumnValues(this.base, col, this.base.rowCount, token)
  }

  /** Resolves when no computation is running (tests). */
  async settled(): Promise<void> {
    while (this.computing || this.pending) await new Promise((resolve) => setTimeout(resolve, 5))
  }

  dispose(): void {
    this.token.cancelled = true
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.offBase?.()
    this.offBase = null
  }

  private baseChanged(): void {
    if (!this.perm || this.base.rowCount === this.permFor || this.refreshTimer) return
    if (this.base.rowCount < this.permFor) return this.recompute()
    // Rows that streamed in after the sort: folded in shortly, not on every batch.
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null
      if (this.perm && this.base.rowCount !== this.permFor) this.recompute()
    }, REFRESH_MS)
  }

  private recompute(): void {
    this.token.cancelled = true
    const token = { cancelled: false }
    this.token = token
    if (this.sortSpecs.length === 0 && !this.filterText && this.columnFilters.length === 0) {
      if (this.perm) this.orderCount++
      this.perm = null
      this.computing = false
      this.pending = false
      this.changed()
      return
    }
    this.computing = true
    this.pending = true
    this.changed()
    void this.run(token)
  }

  private async run(token: { cancelled: boolean }): Promise<void> {
    const started = performance.now()
    const count = this.base.rowCount
    const sorts = this.sortSpecs.filter((spec) => spec.col < this.base.columns.length)
    const filters = this.columnFilters.filter((f) => f.col < this.base.columns.length)
    try {
      let rows = await filterRows(this.base, count, this.filterText, token, filters)
      // Each sort is stable (ties keep their order), so sorting by the least significant key first
      // and the most significant last orders by every key.
      for (const spec of [...sorts].reverse()) if (rows) rows = await sortRows(this.base, rows, spec, token)
      if (!rows || token.cancelled) return
      this.perm = rows
      this.rowCache.clear()
      this.orderCount++
      this.permFor = count
      this.lastMs = Math.round(performance.now() - started)
      this.lastRows = count
      this.computing = false
      this.changed()
    } finally {
      if (this.token === token) this.pending = false
    }
  }

  private changed(): void {
    this.ownVersion++
    for (const listener of [...this.listeners]) listener()
  }
}
