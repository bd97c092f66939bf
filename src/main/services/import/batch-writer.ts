/** Values ready to write, one array per row (null: NULL). */
export type Row = (string | null)[]

/** Rows to write, with their row numbers in the file and their records as read (for rejects). */
export interface Batch {
  rows: Row[]
  numbers: number[]
  originals: Row[]
}

/** Stops a "stop at first error" run: the row and why. */
export class StopAt extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export interface BatchWriterOptions {
  /** Writes rows (the bulk path, or a multi-row INSERT). */
  write(rows: Row[]): Promise<void>
  /** Runs a statement on the import's session (savepoints). */
  exec(sql: string): Promise<void>
  /** "skip" with savepoints: a failed batch is retried row by row; otherwise the first failure stops. */
  retryRows: boolean
  reject(row: number, record: Row, reason: string): Promise<void>
  signal?: AbortSignal
}

const SAVEPOINT = 'quarry_import'

/**
 * Writes an import's batches, one in flight while the caller reads and converts the next, so the
 * server works while this process parses. A batch the server refuses is, under "skip", rolled back
 * to a savepoint and retried one row at a time, so only the failing rows are rejected.
 */
export class BatchWriter {
  written = 0
  private pending: Promise<void> | null = null

  constructor(private readonly options: BatchWriterOptions) {}

  /** Starts writing `batch` once the one before it is written (its failure is thrown here). */
  async push(batch: Batch): Promise<void> {
    await this.drain()
    if (batch.rows.length === 0) return
    const writing = this.flush(batch)
    writing.catch(() => {}) // observed by the next push or drain
    this.pending = writing
  }

  /** Waits for the batch in flight; its failure is thrown here. */
  async drain(): Promise<void> {
    const pending = this.pending
    this.pending = null
    if (pending) await pending
  }

  /** Waits for the batch in flight, whatever its outcome (before the session is closed). */
  async settle(): Promise<void> {
    await this.drain().catch(() => {})
  }

  private async flush({ rows, numbers, originals }: Batch): Promise<void> {
    const { write, exec, signal } = this.options
    if (!this.options.retryRows) {
      try {
        await write(rows)
      } catch (e) {
        if (signal?.aborted) throw e
        throw new StopAt(numbers[0]!, `rows ${numbers[0]}–${numbers.at(-1)}: ${messageOf(e)}`)
      }
      this.written += rows.length
      return
    }
    await exec(`SAVEPOINT ${SAVEPOINT}`)
    try {
      await write(rows)
      await exec(`RELEASE SAVEPOINT ${SAVEPOINT}`)
      this.written += rows.length
      return
    } catch (e) {
      if (signal?.aborted) throw e
      await exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`)
    }
    // The batch failed on the server: each row alone, so only the failing ones are rejected.
    for (let i = 0; i < rows.length; i++) {
      await exec(`SAVEPOINT ${SAVEPOINT}`)
      try {
        await write([rows[i]!])
        await exec(`RELEASE SAVEPOINT ${SAVEPOINT}`)
        this.written++
      } catch (e) {
        if (signal?.aborted) throw e
        await exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`)
        await this.options.reject(numbers[i]!, originals[i]!, messageOf(e))
      }
    }
  }
}
