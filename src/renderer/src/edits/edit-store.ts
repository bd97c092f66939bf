import type { CellEdit } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import { sameValue } from './wire-equal'

/** Identifies a row across results: its key columns' values as read (or a generated id for a new row). */
export type RowKey = string

/** A row's values by column name, as they were read. */
export type RowValues = Readonly<Record<string, WireValue>>

/** One staged row: an existing row (changed and/or deleted) or a new one. Immutable. */
export interface StagedRow {
  readonly key: RowKey
  /** The row as read; null for a new row. */
  readonly original: RowValues | null
  /** Column name → its new value or DEFAULT (a new row: only the columns the user set). */
  readonly set: Readonly<Record<string, CellEdit>>
  readonly deleted: boolean
  /** Creation order (new rows are listed in it). */
  readonly seq: number
}

/** A cell to stage: the row (its key and, for an existing row, its values as read), the column, the edit. */
export interface CellChange {
  key: RowKey
  original: RowValues | null
  column: string
  edit: CellEdit
}

type Step = ReadonlyMap<RowKey, StagedRow | undefined>

/** Inside an action: reads a row (one argument) or stages its next state (two; undefined unstages it). */
interface Stage {
  (key: RowKey): StagedRow | undefined
  (key: RowKey, row: StagedRow | undefined): StagedRow | undefined
}

/** Undo steps kept; older ones are dropped (the staged edits themselves are not). */
const MAX_UNDO = 500

const NEW_ROW_PREFIX = 'new:'

/**
 * Staged edits of one table, outside React: rows keyed by their key columns' values as read, so
 * what is staged survives scrolling, sorting, filtering, a re-query and more rows arriving. Every
 * action is one undo step (a paste over many cells too); undo/redo restore the rows it touched.
 */
export class EditStore {
  private rows = new Map<RowKey, StagedRow>()
  private undoSteps: Step[] = []
  private redoSteps: Step[] = []
  private seq = 0
  private ownVersion = 0
  private readonly listeners = new Set<() => void>()

  /**
   * @param keyColumns the columns whose values identify a row (primary key, unique key or the
   *   user's choice); empty: every column (a table without a key; the review asks for one).
   */
  constructor(private keyColumns: readonly string[] = []) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.ownVersion

  get version(): number {
    return this.ownVersion
  }

  /** The columns rows are keyed by (empty: all of them). */
  get keyedBy(): readonly string[] {
    return this.keyColumns
  }

  /** Rows staged (changed, new or deleted): what the toolbar counts. */
  get size(): number {
    return this.rows.size
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0
  }

  /** Sets the key columns; only while nothing is staged (keys already made would not match). */
  setKeyColumns(columns: readonly string[]): void {
    if (sameList(columns, this.keyColumns)) return
    if (this.rows.size > 0) throw new Error('EditStore.setKeyColumns: staged rows are keyed already')
    this.keyColumns = [...columns]
    this.changed()
  }

  /** The key of a row as read, given its value by column name. */
  keyOf(value: (column: string) => WireValue, columns: readonly string[]): RowKey {
    const by = this.keyColumns.length > 0 ? this.keyColumns : columns
    return JSON.stringify(by.map((column) => value(column)))
  }

  get(key: RowKey): StagedRow | undefined {
    return this.rows.get(key)
  }

  /** Every staged row, existing ones first, new rows in the order they were added. */
  all(): StagedRow[] {
    return [...this.rows.values()].sort((a, b) => Number(isNewRow(a)) - Number(isNewRow(b)) || a.seq - b.seq)
  }

  /** New rows, in the order they were added. */
  newRows(): StagedRow[] {
    return [...this.rows.values()].filter(isNewRow).sort((a, b) => a.seq - b.seq)
  }

  /** Stages cell values, as one undo step. A value equal to what was read unstages that cell. */
  setCells(changes: readonly CellChange[]): void {
    this.act((stage) => {
      for (const { key, original, column, edit } of changes) {
        const row = stage(key) ?? this.fresh(key, original)
        const set = { ...row.set }
        const read = row.original?.[column]
        if (row.original && 'value' in edit && read !== undefined && sameValue(read, edit.value)) delete set[column]
        else set[column] = edit
        stage(key, { ...row, set })
      }
    })
  }

  /** Adds a new row (optionally with values, e.g. a duplicated row's); returns its key. */
  addRow(values: Readonly<Record<string, CellEdit>> = {}): RowKey {
    const key = `${NEW_ROW_PREFIX}${this.seq + 1}`
    this.act((stage) => stage(key, { ...this.fresh(key, null), set: { ...values } }))
    return key
  }

  /** Marks rows deleted (a new row is simply dropped), as one undo step. */
  deleteRows(rows: readonly { key: RowKey; original: RowValues | null }[]): void {
    this.act((stage) => {
      for (const { key, original } of rows) {
        const row = stage(key) ?? this.fresh(key, original)
        stage(key, row.original ? { ...row, deleted: true } : undefined)
      }
    })
  }

  /** Puts staged rows back as they were read (unstages them), as one undo step. */
  revertRows(keys: readonly RowKey[]): void {
    this.act((stage) => {
      for (const key of keys) if (stage(key)) stage(key, undefined)
    })
  }

  /**
   * After a conflict: the row is now `current` on the server. Columns in `take` take the server's
   * value (unstaged); the others keep the user's value, now guarded by the server's current row.
   * A row gone from the server (`current` null) is dropped. One undo step.
   */
  rebase(key: RowKey, current: RowValues | null, take: ReadonlySet<string>): void {
    this.act((stage) => {
      const row = stage(key)
      if (!row) return
      if (!current) return void stage(key, undefined)
      const set = Object.fromEntries(Object.entries(row.set).filter(([column]) => !take.has(column)))
      stage(key, { ...row, original: current, set })
    })
  }

  /** Unstages everything (Discard, or after an apply). Undoable unless `forget`. */
  discard(forget = false): void {
    if (forget) {
      this.rows = new Map()
      this.undoSteps = []
      this.redoSteps = []
      return this.changed()
    }
    this.act((stage) => {
      for (const key of [...this.rows.keys()]) stage(key, undefined)
    })
  }

  undo(): boolean {
    return this.travel(this.undoSteps, this.redoSteps)
  }

  redo(): boolean {
    return this.travel(this.redoSteps, this.undoSteps)
  }

  private fresh(key: RowKey, original: RowValues | null): StagedRow {
    this.seq++
    return { key, original, set: {}, deleted: false, seq: this.seq }
  }

  /** Runs an action through `stage`, recording each touched row's state before it as one undo step. */
  private act(action: (stage: Stage) => void): void {
    const before = new Map<RowKey, StagedRow | undefined>()
    const stage = ((key: RowKey, ...next: [StagedRow | undefined] | []): StagedRow | undefined => {
      if (next.length === 0) return this.rows.get(key)
      if (!before.has(key)) before.set(key, this.rows.get(key))
      const row = next[0]
      // An existing row with nothing changed and not deleted is no change at all.
      if (!row || (row.original && !row.deleted && Object.keys(row.set).length === 0)) this.rows.delete(key)
      else this.rows.set(key, row)
      return row
    }) as Stage
    action(stage)
    const step = new Map([...before].filter(([key, row]) => row !== this.rows.get(key)))
    if (step.size === 0) return
    this.undoSteps.push(step)
    if (this.undoSteps.length > MAX_UNDO) this.undoSteps.shift()
    this.redoSteps = []
    this.changed()
  }

  private travel(from: Step[], to: Step[]): boolean {
    const step = from.pop()
    if (!step) return false
    const back = new Map<RowKey, StagedRow | undefined>()
    for (const [key, row] of step) {
      back.set(key, this.rows.get(key))
      if (row) this.rows.set(key, row)
      else this.rows.delete(key)
    }
    to.push(back)
    this.changed()
    return true
  }

  private changed(): void {
    this.ownVersion++
    for (const listener of [...this.listeners]) listener()
  }
}

/** A row the user added (not read from the server). */
export const isNewRow = (row: StagedRow): boolean => row.original === null

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])
