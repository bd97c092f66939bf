import { join } from 'node:path'
import { z } from 'zod'
import { erLayoutSchema, MAX_LAYOUTS } from '../../shared/contract'
import type { ErLayout } from '../../shared/contract'
import { describeProblem, StateFile, schemaParser } from './state-file'

/** File name inside the data directory. */
export const ER_LAYOUTS_FILE = 'er-layouts.json'

const entrySchema = z.object({
  connectionId: z.string(),
  database: z.string(),
  schema: z.string(),
  savedAt: z.number(),
  layout: erLayoutSchema,
})
const fileSchema = z.object({ version: z.literal(1), layouts: z.array(entrySchema) })
type LayoutsFile = z.infer<typeof fileSchema>

export interface LayoutRef {
  connectionId: string
  database: string
  schema: string
}

const same = (a: LayoutRef, b: LayoutRef): boolean =>
  a.connectionId === b.connectionId && a.database === b.database && a.schema === b.schema

/**
 * ER diagram layouts across restarts, in `er-layouts.json` of the data directory (written
 * atomically, a damaged file kept aside: see StateFile); at most MAX_LAYOUTS, the least recently
 * saved dropped first. A null directory keeps them in memory.
 */
export class ErLayoutStore {
  private readonly file: StateFile<LayoutsFile>
  private queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string | null) {
    const empty: LayoutsFile = { version: 1, layouts: [] }
    this.file = new StateFile(dataDir ? join(dataDir, ER_LAYOUTS_FILE) : null, empty, schemaParser(fileSchema), 0o644)
  }

  /** What went wrong reading the file at start-up, in words; null when nothing did. */
  get problem(): string | null {
    return describeProblem(this.file.problem)
  }

  load(ref: LayoutRef): ErLayout {
    const found = this.file.value.layouts.find((entry) => same(entry, ref))
    return found ? structuredClone(found.layout) : { positions: {}, laid: null }
  }

  /** Saves run one at a time, in the order they were asked for; an empty layout forgets the entry. */
  save(ref: LayoutRef, layout: ErLayout, now = Date.now()): Promise<void> {
    const work = this.queue.then(() => {
      const others = this.file.value.layouts.filter((entry) => !same(entry, ref))
      const empty = Object.keys(layout.positions).length === 0 && !layout.laid
      const entry = { connectionId: ref.connectionId, database: ref.database, schema: ref.schema, savedAt: now, layout }
      const layouts = (empty ? others : [...others, entry]).sort((a, b) => b.savedAt - a.savedAt).slice(0, MAX_LAYOUTS)
      return this.file.replace({ version: 1, layouts })
    })
    this.queue = work.catch(() => undefined)
    return work
  }
}
