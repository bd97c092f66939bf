import type { ResultColumn, ServerMessage } from '../../../shared/contract'
import { pacedScheduler } from '../grid/change-scheduler'
import { RowStore } from '../grid/row-store'

/** Repaints of a streaming result: about 10 a second, the first at once. */
export const REPAINT_MS = 100

/** One statement's result within a run: its rows live in its own RowStore. */
export class ResultSet {
  /** Unique across runs, so the UI can key a result's grid by it. */
  readonly id = crypto.randomUUID()
  readonly store = new RowStore(pacedScheduler(REPAINT_MS))
  columns: ResultColumn[] = []
  rowCount = 0
  affectedRows: number | null = null
  /** Its command tag ("CREATE TABLE", "UPDATE 3"), once it has finished. */
  command: string | null = null
  /** Notices and warnings the server sent while it ran. */
  messages: ServerMessage[] = []
  done = false

  constructor(
    readonly index: number,
    readonly sql: string,
    /** Where the statement starts in the text that was run. */
    readonly offset: number,
  ) {}

  /** A statement that returns no rows (DDL, INSERT…): shown as a summary, not a grid. */
  get isCommand(): boolean {
    return this.done && this.columns.length === 0
  }
}
