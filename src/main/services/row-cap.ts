import type { BatchPlan } from '../drivers/driver'

/**
 * The grid row limit of one run, enforced where the rows are read: the driver is never asked for
 * more rows than remain under the limit, a batch that crosses it is cut, and the run stops there.
 * So at most the limit plus one batch (a driver's read-ahead) is ever read from the engine. The
 * limit may change while the run streams (the user picks another one).
 */
export class RowCap {
  private sent = 0
  /** Rows the driver was told to read (a driver may read one batch ahead of what was sent). */
  private asked = 0

  constructor(private rowLimit: number | null = null) {}

  /** The limit now in force (null: none). */
  get limit(): number | null {
    return this.rowLimit
  }

  set limit(rowLimit: number | null) {
    this.rowLimit = rowLimit
  }

  /** Rows let through so far. */
  get rowsSent(): number {
    return this.sent
  }

  /** True once as many rows were let through as the limit allows: the run must stop reading. */
  get reached(): boolean {
    return this.rowLimit !== null && this.sent >= this.rowLimit
  }

  /**
   * `base` with every batch capped at the rows not yet asked for under the limit (at least 1: a
   * plan must ask for some), so a driver that reads ahead still reads at most the limit plus one row.
   */
  plan(base: BatchPlan): BatchPlan {
    return (batchIndex) => {
      const size = base(batchIndex)
      const capped = this.rowLimit === null ? size : Math.max(1, Math.min(size, this.rowLimit - this.asked))
      this.asked += capped
      return capped
    }
  }

  /**
   * A new statement starts: asks of the previous one beyond its last row were never read, so only
   * what was sent counts (else a script's later statements would be cut short of the limit).
   */
  statementStarted(): void {
    this.asked = this.sent
  }

  /** Of a batch of `count` rows, how many may be sent; counts them as sent. */
  admit(count: number): number {
    const keep = this.rowLimit === null ? count : Math.max(0, Math.min(count, this.rowLimit - this.sent))
    this.sent += keep
    return keep
  }
}
