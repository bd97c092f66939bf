import type { Locator } from '@playwright/test'
import type { Driver } from '../src/main/drivers/driver'
import { engineDescriptor } from '../src/shared/contract'
import type { BrowserSession } from './browser-session'
import { WIDE_TABLES } from './datasets'
import type { EngineTarget } from './datasets'
import type { Recorder } from './recorder'
import { expand, nextNode, probe, treeNode } from './ui-actions'

/** The database node the bench's schemas are under: PostgreSQL names it; the others have one. */
export const databaseName = (target: EngineTarget): string | undefined =>
  target.engine === 'postgres' ? target.options.database : undefined

/**
 * Expands the tree from a connection down to the schema `name` and returns its node (collapsed or
 * not). MySQL/MariaDB list their schemas right under the connection; a connection that names its
 * database lists the others behind "All databases".
 */
export async function schemaNode(root: Locator, target: EngineTarget, name: string): Promise<Locator> {
  await expand(root)
  let parent = root
  if (!engineDescriptor(target.engine).tree.hideDatabaseLevel) {
    parent = nextNode(root, 'database', databaseName(target))
    await expand(parent)
  }
  const direct = nextNode(parent, 'schema', name)
  const group = nextNode(parent, 'group', 'All databases')
  // The children may still be loading (a placeholder row first): wait for the schema or the group.
  await direct.or(group).first().waitFor({ timeout: 30_000 })
  if ((await direct.count()) > 0) return direct
  await expand(group)
  return nextNode(parent, 'schema', name)
}

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
  const schema = await schemaNode(root, target, target.wideSchema)
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
