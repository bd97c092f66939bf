import type { ResultColumn } from '../../../shared/contract/model'
import type { RowStore } from '../grid/row-store'
import { GRID_BYTE_BUDGET } from '../query/grid-limits'

/** A result kept for comparing: its rows stay in their store while the tab that ran it reruns. */
export interface Pin {
  readonly id: string
  /** The panel (query tab) it was pinned in: shown among that panel's tabs. */
  readonly owner: string
  /** Where it came from, for the pick list ("staging · orders"). */
  readonly source: string
  readonly sql: string
  readonly store: RowStore
  readonly columns: readonly ResultColumn[]
  readonly rowCount: number
  readonly bytes: number
  /** The key a compare starts with (the table's primary key), when known. */
  readonly key: readonly string[]
  readonly pinnedAt: number
}

export type PinOutcome = { ok: true; pin: Pin } | { ok: false; message: string }

const mib = (bytes: number): string => `${Math.ceil(bytes / 1048576).toLocaleString('en-US')} MiB`

/**
 * The pinned results of the window, outside React. Pins hold their rows' batches as received, so
 * together they may hold at most `budget` bytes (the grid's memory budget): a pin past it is
 * refused, saying how much is held.
 */
export class PinBoard {
  private pins: readonly Pin[] = []
  private readonly listeners = new Set<() => void>()

  constructor(private readonly budget = GRID_BYTE_BUDGET) {}

  get list(): readonly Pin[] {
    return this.pins
  }

  getList = (): readonly Pin[] => this.pins

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The pin holding this store, if any. */
  pinOf(store: RowStore): Pin | undefined {
    return this.pins.find((pin) => pin.store === store)
  }

  pin(entry: Omit<Pin, 'id' | 'pinnedAt' | 'bytes' | 'rowCount' | 'columns'>): PinOutcome {
    const existing = this.pinOf(entry.store)
    if (existing) return { ok: true, pin: existing }
    const bytes = entry.store.batchBytes
    const held = this.pins.reduce((sum, pin) => sum + pin.bytes, 0)
    if (held + bytes > this.budget)
      return {
        ok: false,
        message: `Not pinned: this result holds ${mib(bytes)} and pins already hold ${mib(held)} of the ${mib(this.budget)} budget; unpin a result first`,
      }
    const pin: Pin = {
      ...entry,
      id: crypto.randomUUID(),
      pinnedAt: Date.now(),
      bytes,
      rowCount: entry.store.rowCount,
      columns: entry.store.columns,
    }
    this.pins = [...this.pins, pin]
    this.emit()
    return { ok: true, pin }
  }

  unpin(id: string): void {
    const left = this.pins.filter((pin) => pin.id !== id)
    if (left.length === this.pins.length) return
    this.pins = left
    this.emit()
  }

  /** Drops a panel's pins (its tab closed). */
  unpinOwner(owner: string): void {
    const left = this.pins.filter((pin) => pin.owner !== owner)
    if (left.length === this.pins.length) return
    this.pins = left
    this.emit()
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener()
  }
}

/** The window's pins. */
export const pinBoard = new PinBoard()
