import { join } from 'node:path'
import { z } from 'zod'
import { savedTabSchema } from '../../shared/contract'
import type { LoadedTabs, SavedTabs } from '../../shared/contract'
import { describeProblem, StateFile, schemaParser } from './state-file'

/** File name inside the data directory. */
export const TABS_FILE = 'query-tabs.json'

// Version 1 held query tabs only; table tabs (with a kind) and the closed list were added to it.
const tabsSchema = z.object({
  version: z.literal(1),
  activeId: z.string().nullable(),
  tabs: z.array(savedTabSchema),
  closed: z.array(savedTabSchema).optional(),
})
type TabsFile = z.infer<typeof tabsSchema>

/**
 * The workspace's tabs (query and table tabs, and the recently closed ones) across restarts, in `query-tabs.json` of the data directory: written
 * atomically, a damaged file kept aside (see StateFile). A null directory keeps them in memory.
 */
export class TabStore {
  private readonly file: StateFile<TabsFile>
  private queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string | null) {
    const empty: TabsFile = { version: 1, activeId: null, tabs: [] }
    this.file = new StateFile(dataDir ? join(dataDir, TABS_FILE) : null, empty, schemaParser(tabsSchema), 0o644)
  }

  load(): LoadedTabs {
    const { tabs, activeId, closed = [] } = structuredClone(this.file.value)
    return { tabs, activeId, closed, problem: describeProblem(this.file.problem) }
  }

  /** Saves run one at a time, in the order they were asked for. */
  save(next: SavedTabs): Promise<void> {
    const activeId = next.tabs.some((tab) => tab.id === next.activeId) ? next.activeId : null
    const closed = next.closed ?? []
    const work = this.queue.then(() => this.file.replace({ version: 1, activeId, tabs: next.tabs, closed }))
    this.queue = work.catch(() => undefined)
    return work
  }
}
