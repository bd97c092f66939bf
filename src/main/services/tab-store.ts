import { join } from 'node:path'
import { z } from 'zod'
import { CONNECTABLE_ENGINE_IDS } from '../../shared/contract'
import type { LoadedTabs, SavedTabs } from '../../shared/contract'
import { describeProblem, StateFile, schemaParser } from './state-file'

/** File name inside the data directory. */
export const TABS_FILE = 'query-tabs.json'

const tabsSchema = z.object({
  version: z.literal(1),
  activeId: z.string().nullable(),
  tabs: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string().min(1),
      connectionId: z.string().min(1),
      engine: z.enum(CONNECTABLE_ENGINE_IDS),
      sql: z.string(),
      database: z.string().min(1).optional(),
    }),
  ),
})
type TabsFile = z.infer<typeof tabsSchema>

/**
 * The workspace's query tabs across restarts, in `query-tabs.json` of the data directory: written
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
    const { tabs, activeId } = structuredClone(this.file.value)
    return { tabs, activeId, problem: describeProblem(this.file.problem) }
  }

  /** Saves run one at a time, in the order they were asked for. */
  save(next: SavedTabs): Promise<void> {
    const activeId = next.tabs.some((tab) => tab.id === next.activeId) ? next.activeId : null
    const work = this.queue.then(() => this.file.replace({ version: 1, activeId, tabs: next.tabs }))
    this.queue = work.catch(() => undefined)
    return work
  }
}
