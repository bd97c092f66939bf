import { unlink } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'
import { z } from 'zod'
import { schemaParser, StateFile } from '../state-file'
import { processIsAlive } from '../process-alive'

/** The data directory's list of exports in progress (their temporary files). */
export const EXPORT_JOURNAL_FILE = 'exports-in-progress.json'

/** How FileSink names its temporary files; nothing else is ever removed from the journal's list. */
const PART_NAME = /^\..+\.[0-9a-f]{12}\.quarry-part$/

const journalSchema = z
  .object({
    version: z.literal(1),
    parts: z.array(z.object({ path: z.string().max(4096), pid: z.number().int().positive() }).strict()).max(10_000),
  })
  .strict()
type Journal = z.infer<typeof journalSchema>

/**
 * Remembers the temporary file of every export in progress, so the next start can remove those a
 * crash left behind, and only those: Quarry never deletes a file it did not create. Writes run one
 * at a time, behind the start-up sweep.
 */
export class ExportJournal {
  private readonly file: StateFile<Journal>
  private queue: Promise<unknown>
  /** The leftover temporary files the start-up sweep removed. */
  readonly swept: Promise<string[]>

  constructor(dataDir: string) {
    const empty: Journal = { version: 1, parts: [] }
    this.file = new StateFile(join(dataDir, EXPORT_JOURNAL_FILE), empty, schemaParser(journalSchema), 0o600)
    this.swept = this.sweepNow().catch(() => [])
    this.queue = this.swept
  }

  /** Records a temporary file before it is created. */
  add(part: string): Promise<void> {
    return this.enqueue(() => this.write([...this.file.value.parts, { path: part, pid: process.pid }]))
  }

  /** Forgets a temporary file once it is published or removed. */
  remove(part: string): Promise<void> {
    return this.enqueue(() => this.write(this.file.value.parts.filter((entry) => entry.path !== part)))
  }

  private async sweepNow(): Promise<string[]> {
    const removed: string[] = []
    const kept: Journal['parts'] = []
    for (const entry of this.file.value.parts) {
      // Another running Quarry's export (same data directory) is left alone.
      if (processIsAlive(entry.pid)) kept.push(entry)
      else if (isAbsolute(entry.path) && PART_NAME.test(basename(entry.path))) {
        const gone = await unlink(entry.path).then(
          () => true,
          (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
        )
        if (gone) removed.push(entry.path)
        else kept.push(entry)
      }
    }
    if (kept.length !== this.file.value.parts.length) await this.write(kept)
    return removed
  }

  private write(parts: Journal['parts']): Promise<void> {
    return this.file.replace({ version: 1, parts })
  }

  /** Runs `work` after everything queued; a failed journal write never fails an export. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch(() => undefined)
    this.queue = next
    return next
  }
}
