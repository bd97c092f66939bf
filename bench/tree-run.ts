import type { Driver } from '../src/main/drivers/driver'
import type { BrowserSession } from './browser-session'
import { WIDE_TABLES } from './datasets'
import type { EngineTarget } from './datasets'
import type { Recorder } from './recorder'
import { expand, nextNode, probe, treeNode } from './ui-actions'

/** The database node the bench's schemas are under: PostgreSQL names it; the others have one. */
export const databaseName = (target: EngineTarget): string | undefined =>
  target.engine === 'postgres' ? target.options.database : undefined

/** The driver's `tables()` of the 10,000-table schema, on a fresh connection (the tree's first expand). */
export async function measureDriverTables(driver: Driver, target: EngineTarget, recorder: Recorder): Promise<void> {
  const connection = await driver.connect(target.wideOptions)
  try {
    const databases = await connection.databases()
    const database = databaseName(target) ?? databases[0]?.name
    if (!database) throw new Error(`${target.engine}: no database listed`)
    const started = performance.now()
    const tables = await connection.tables(database, target.wideSchema)
    const ms = performance.now() - started
    if (tables.length !== WIDE_TABLES)
      recorder.reject(target.engine, 'tree.driverTablesMs', `listed ${tables.length} tables, not ${WIDE_TABLES}`)
    else recorder.record(target.engine, 'tree.driverTablesMs', ms)
  } finally {
    await connection.close()
  }
}

/**
 * In a freshly loaded page: expand the connection and its database, then time the click that
 * expands the 10,000-table schema until the first table names are painted (page clock).
 */
export async function measureTreeExpand(
  session: BrowserSession,
  target: EngineTarget,
  connection: string,
  recorder: Recorder,
): Promise<void> {
  const { page } = session
  await session.reload()
  const root = treeNode(page, 'connection', connection)
  await expand(root)
  const database = nextNode(root, 'database', databaseName(target))
  await expand(database)
  const schema = nextNode(database, 'schema', target.wideSchema)
  await schema.waitFor()
  if ((await schema.getAttribute('aria-expanded')) === 'true') throw new Error('The schema is already expanded')
  await probe(page, 'armTree')
  await schema.click()
  await page.waitForFunction(
    () =>
      (
        window as unknown as { __quarryBench: { readTree(): { paintedAt: number | null } | null } }
      ).__quarryBench.readTree()?.paintedAt != null,
    null,
    { timeout: 60_000, polling: 50 },
  )
  const tree = await probe(page, 'readTree')
  if (tree?.clickAt == null || tree.paintedAt == null) {
    recorder.reject(target.engine, 'tree.firstNamesMs', 'the page missed the click or the names')
    return
  }
  recorder.record(target.engine, 'tree.firstNamesMs', tree.paintedAt - tree.clickAt)
}
