import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import type { BrowserSession } from './browser-session'
import type { EngineTarget } from './datasets'
import type { RowsReadCounter } from './open-counters'
import { OPEN_TABLE } from './open-dataset'
import type { BenchProbes } from './probes'
import type { Recorder } from './recorder'
import { schemaNode } from './tree-run'
import { activePanel, expand, probe, shownStatement, treeNode } from './ui-actions'

/** What the open waits for at most: its first rows, then its first page done. */
const OPEN_TIMEOUT = 60_000

/** Closes the open table's tabs (a restored one would query on its own), and lets the closing be saved. */
async function closeOpenTabs(page: Page): Promise<void> {
  const tabs = page.locator(`[data-testid="${TID.tab}"][data-title="${OPEN_TABLE}"]`)
  if ((await tabs.count()) === 0) return
  while ((await tabs.count()) > 0) await tabs.first().locator('.tab-close').click()
  // The tab list is saved 250–750 ms after a change.
  await page.waitForTimeout(1000)
}

/**
 * In a freshly loaded page: expand the tree down to the table's schema, then click the table as a
 * user does and time the click until its first rows are painted (page clock); then count, the
 * engine's own way, the rows read for that open.
 */
export async function measureOpen(
  session: BrowserSession,
  target: EngineTarget,
  connection: string,
  counter: RowsReadCounter,
  recorder: Recorder,
): Promise<void> {
  const { page } = session
  const { engine } = target
  await session.reload()
  await closeOpenTabs(page)
  const root = treeNode(page, 'connection', connection)
  await expand(await schemaNode(root, target, target.openSchema))
  const table = treeNode(page, 'table', OPEN_TABLE)
  await table.scrollIntoViewIfNeeded()
  const before = await counter.before()
  await probe(page, 'armOpen')
  await table.click()
  await page.waitForFunction(
    () => (window as unknown as { __quarryBench: BenchProbes }).__quarryBench.readOpen()?.paintedAt != null,
    null,
    { timeout: OPEN_TIMEOUT, polling: 50 },
  )
  const open = await probe(page, 'readOpen')
  const pages = activePanel(page).getByTestId(TID.tablePages)
  await activePanel(page)
    .locator(`[data-testid="${TID.status}"][data-status="done"]`)
    .waitFor({ timeout: OPEN_TIMEOUT })
  await pages.waitFor({ timeout: OPEN_TIMEOUT })
  const pageRows = Number(await pages.getAttribute('data-count'))
  const issued = await shownStatement(page)
  if (open?.clickAt == null || open.paintedAt == null)
    recorder.reject(engine, 'open.firstPaintMs', 'the page missed the click or the first rows')
  else recorder.record(engine, 'open.firstPaintMs', open.paintedAt - open.clickAt)
  try {
    recorder.record(engine, 'open.rowsRead', await counter.readSince(before, issued, pageRows))
  } catch (error) {
    recorder.reject(engine, 'open.rowsRead', error instanceof Error ? error.message : String(error))
  }
  await closeOpenTabs(page)
}
