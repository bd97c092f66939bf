import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import type { GridEditMarks } from '../grid/grid-edits'
import type { ViewBase } from '../grid/view/row-view'
import type { EditStore, RowKey, RowValues, StagedRow } from './edit-store'

/** Row keys remembered per result; past it the map is emptied (keys are cheap to compute again). */
const KEY_CACHE = 65_536

/**
 * The result's rows with the staged edits laid over them, as the grid's view reads them: changed
 * cells show their new value, deleted rows stay (marked), new rows follow the rows read. Rows are
 * matched to staged edits by their key as read, so a re-query, a sort or a filter keeps them.
 */
export class EditedSource implements ViewBase, GridEditMarks {
  private keys = new Map<number, RowKey>()
  private keysFor: readonly ResultColumn[] | null = null
  private keysBy: readonly string[] | null = null
  private added: StagedRow[] = []
  private addedFor = -1

  /**
   * @param tableColumn the table column a result column shows (null: computed, or shown twice):
   *   staged values and originals are by table column name.
   */
  constructor(
    private readonly base: ViewBase,
    readonly edits: EditStore,
    private readonly tableColumn: (col: number) => string | null = (col) => base.columns[col]?.name ?? null,
  ) {}

  get columns(): readonly ResultColumn[] {
    return this.base.columns
  }

  /** Rows read, then the new rows. */
  get rowCount(): number {
    return this.base.rowCount + this.newRows().length
  }

  /** Rows read from the server (new rows come after them). */
  get readCount(): number {
    return this.base.rowCount
  }

  get version(): number {
    return this.base.version + this.edits.version
  }

  get editVersion(): string {
    return this.newRows().length > 0 ? `rows ${this.version}` : `edits ${this.edits.version}`
  }

  subscribe = (listener: () => void): (() => void) => {
    const offBase = this.base.subscribe(listener)
    const offEdits = this.edits.subscribe(listener)
    return () => {
      offBase()
      offEdits()
    }
  }

  get(row: number, col: number): WireValue {
    if (this.edits.size === 0) return this.base.get(row, col)
    const staged = this.staged(row)
    const name = this.tableColumn(col)
    const edit = name === null ? undefined : staged?.set[name]
    if (edit) return 'value' in edit ? edit.value : null
    return row < this.base.rowCount ? this.base.get(row, col) : null
  }

  getRow(row: number): readonly WireValue[] | undefined {
    if (row >= this.base.rowCount || this.edits.size > 0) {
      if (row >= this.rowCount) return undefined
      return this.columns.map((_, col) => this.get(row, col))
    }
    return this.base.getRow ? this.base.getRow(row) : this.columns.map((_, col) => this.base.get(row, col))
  }

  /** The staged state of a row (by index in this source), if any. */
  staged(row: number): StagedRow | undefined {
    if (row >= this.base.rowCount) return this.newRows()[row - this.base.rowCount]
    if (this.edits.size === 0) return undefined
    return this.edits.get(this.keyAt(row))
  }

  /** A row's key and its values as read (null for a new row). */
  identity(row: number): { key: RowKey; original: RowValues | null } | null {
    if (row >= this.base.rowCount) {
      const added = this.newRows()[row - this.base.rowCount]
      return added ? { key: added.key, original: null } : null
    }
    const original: Record<string, WireValue> = {}
    this.columns.forEach((_, col) => {
      const name = this.tableColumn(col)
      // defineProperty: a column named __proto__ stays data.
      if (name !== null && !Object.hasOwn(original, name))
        Object.defineProperty(original, name, {
          value: this.base.get(row, col),
          enumerable: true,
          writable: true,
          configurable: true,
        })
    })
    return { key: this.keyAt(row), original }
  }

  rowMark(row: number): 'new' | 'deleted' | null {
    const staged = this.staged(row)
    if (!staged) return null
    return staged.original === null ? 'new' : staged.deleted ? 'deleted' : null
  }

  cellMark(row: number, col: number): { kind: 'changed' | 'default'; original: WireValue | undefined } | null {
    const staged = this.staged(row)
    if (!staged) return null
    const name = this.tableColumn(col)
    if (name === null) return null
    const edit = staged.set[name]
    if (!edit) return staged.original === null ? { kind: 'default', original: undefined } : null
    return { kind: 'default' in edit ? 'default' : 'changed', original: staged.original?.[name] }
  }

  private newRows(): StagedRow[] {
    if (this.addedFor !== this.edits.version) {
      this.added = this.edits.size === 0 ? [] : this.edits.newRows()
      this.addedFor = this.edits.version
    }
    return this.added
  }

  private keyAt(row: number): RowKey {
    const columns = this.columns
    if (columns !== this.keysFor || this.edits.keyedBy !== this.keysBy || this.keys.size >= KEY_CACHE) {
      this.keys = new Map()
      this.keysFor = columns
      this.keysBy = this.edits.keyedBy
    }
    let key = this.keys.get(row)
    if (key === undefined) {
      const names = columns.map((_, col) => this.tableColumn(col))
      const value = (name: string) => {
        const at = names.indexOf(name)
        return at < 0 ? null : this.base.get(row, at)
      }
      key = this.edits.keyOf(
        value,
        names.filter((name): name is string => name !== null),
      )
      this.keys.set(row, key)
    }
    return key
  }
}
