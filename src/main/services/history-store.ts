import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import {
  CONNECTABLE_ENGINE_IDS,
  HISTORY_LIMIT,
  HISTORY_SQL_LIMIT,
  HISTORY_TOTAL_SQL_LIMIT,
} from '../../shared/contract'
import type { HistoryEntry } from '../../shared/contract'
import { CoalescedWriter, describeProblem, StateFile, schemaParser } from './state-file'

/** File name inside the data directory. */
export const HISTORY_FILE = 'query-history.json'
/** How long a burst of runs waits before History is written (one write for the burst). */
const WRITE_DELAY_MS = 500
const DEFAULT_SEARCH_LIMIT = 200

const entrySchema = z.object({
  id: z.string().min(1),
  connectionId: z.string().min(1),
  engine: z.enum(CONNECTABLE_ENGINE_IDS),
  sql: z.string(),
  truncated: z.boolean(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  rowCount: z.number(),
  affectedRows: z.number().nullable(),
  outcome: z.enum(['done', 'cancelled', 'error']),
  error: z.object({ kind: z.string(), message: z.string(), code: z.string().optional() }).nullable(),
})
const historySchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) })
interface HistoryFile {
  version: 1
  entries: HistoryEntry[]
}

/** A run to record: everything but the id, with the whole SQL (History cuts it). */
export type HistoryRecord = Omit<HistoryEntry, 'id' | 'truncated'>

/**
 * Every run of a script, oldest first, bounded to the last HISTORY_LIMIT, in
 * `query-history.json` (atomic writes, coalesced; a damaged file kept aside). A null directory
 * keeps History in memory.
 */
export class HistoryStore {
  private readonly file: StateFile<HistoryFile>
  private readonly writer: CoalescedWriter<HistoryFile>
  private entries: HistoryEntry[]

  constructor(
    dataDir: string | null,
    private readonly limit = HISTORY_LIMIT,
    private readonly totalSqlLimit = HISTORY_TOTAL_SQL_LIMIT,
  ) {
    const parse = schemaParser(historySchema) as (text: string) => HistoryFile
    this.file = new StateFile<HistoryFile>(
      dataDir ? join(dataDir, HISTORY_FILE) : null,
      { version: 1, entries: [] },
      parse,
      0o600,
    )
    this.writer = new CoalescedWriter(this.file, WRITE_DELAY_MS)
    this.entries = this.bounded(this.file.value.entries)
  }

  /** Why History could not be read at start-up or written last, in words; null when fine. */
  get problem(): string | null {
    return this.writer.problem ?? describeProblem(this.file.problem)
  }

  record(run: HistoryRecord): HistoryEntry {
    const truncated = run.sql.length > HISTORY_SQL_LIMIT
    const entry: HistoryEntry = {
      ...run,
      id: randomUUID(),
      sql: truncated ? run.sql.slice(0, HISTORY_SQL_LIMIT) : run.sql,
      truncated,
    }
    this.entries = this.bounded([...this.entries, entry])
    this.writer.schedule({ version: 1, entries: this.entries })
    return entry
  }

  /** Newest first: entries whose SQL or error contains every word of `query`, case-insensitively. */
  search(query: string, options: { connectionId?: string; limit?: number } = {}): HistoryEntry[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT
    const found: HistoryEntry[] = []
    for (let i = this.entries.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = this.entries[i]!
      if (options.connectionId !== undefined && entry.connectionId !== options.connectionId) continue
      const text = `${entry.sql}\n${entry.error?.message ?? ''}`.toLowerCase()
      if (words.every((word) => text.includes(word))) found.push(entry)
    }
    return found
  }

  clear(): number {
    const count = this.entries.length
    this.entries = []
    this.writer.schedule({ version: 1, entries: [] })
    return count
  }

  /** The newest entries within both bounds: their count, and their SQL's total length. */
  private bounded(entries: HistoryEntry[]): HistoryEntry[] {
    let kept = entries.slice(-this.limit)
    let total = kept.reduce((sum, entry) => sum + entry.sql.length, 0)
    let drop = 0
    while (total > this.totalSqlLimit && drop < kept.length - 1) total -= kept[drop++]!.sql.length
    if (drop > 0) kept = kept.slice(drop)
    return kept
  }

  /** Writes what is pending (shutdown, tests). */
  flush(): Promise<void> {
    return this.writer.flush()
  }
}
