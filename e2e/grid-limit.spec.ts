import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const rows = (page: Page) => activePanel(page).getByTestId(TID.statusRows)
const limitSelect = (page: Page) => activePanel(page).getByTestId(TID.gridRowLimit)
/** The largest batch main's adaptive plan asks a driver for: the most it may read past a limit. */
const LARGEST_BATCH = 5_000

/** What main reported for the run (summed over a table's pages): rows it sent, and rows it took from the driver. */
async function expectServerSent(page: Page, sent: number): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-server-sent', String(sent))
  const read = Number(await status(page).getAttribute('data-server-read'))
  expect(read).toBeGreaterThanOrEqual(sent)
  expect(read).toBeLessThanOrEqual(sent + LARGEST_BATCH)
}

/** Scrolls the grid to its end and checks its last row is `last` (1-based id = row number) and nothing follows. */
async function expectLastRow(page: Page, last: number): Promise<void> {
  await activePanel(page)
    .getByTestId(TID.gridScroller)
    .evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(cell(page, last - 1, 0)).toHaveText(String(last))
  await expect(cell(page, last, 0)).toHaveCount(0)
}

test('the grid row limit holds: exactly 1,000 of the 1,000,000 events, in a Data view and a query tab', async ({
  app: page,
}) => {
  await expandSampleSchema(page)
  await newQuery(page, 'SELECT * FROM events')
  await limitSelect(page).selectOption('1000')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(status(page)).toContainText('Stopped at the grid limit')
  await expect(rows(page)).toHaveAttribute('data-count', '1000')
  await expect(activePanel(page).getByTestId(TID.resultNote)).toContainText('grid row limit (1,000)')
  await expectServerSent(page, 1000)
  await expectLastRow(page, 1000)

  // Again, under other limits: exactly that many every time (it used to stop anywhere past it). A
  // run this short can end before 'running' is ever painted, so each run is told by its own count.
  for (const limit of ['10000', '1000']) {
    await limitSelect(page).selectOption(limit)
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(rows(page)).toHaveAttribute('data-count', limit, { timeout: 60_000 })
    await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    await expect(status(page)).toContainText('Stopped at the grid limit')
    await expect(rows(page)).toHaveAttribute('data-count', limit)
    await expectServerSent(page, Number(limit))
  }

  // The table's Data view reads a page, then Fetch all streams the rest under the same limit.
  const events = treeNode(page, 'table', 'events')
  await events.scrollIntoViewIfNeeded()
  await events.click()
  await expect(activePanel(page).getByTestId(TID.tablePages)).toHaveAttribute('data-count', '300')
  await activePanel(page).getByTestId(TID.fetchAll).click()
  await expect(activePanel(page).getByTestId(TID.tablePages)).toHaveAttribute('data-more', 'false')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(status(page)).toContainText('Stopped at the grid limit')
  await expect(rows(page)).toHaveAttribute('data-count', '1000')
  await expectServerSent(page, 1000)
  await expectLastRow(page, 1000)

  // Refresh, twice: the same count each time (it used to stop at 7,600, then 2,600).
  for (let i = 0; i < 2; i++) {
    await activePanel(page).getByRole('button', { name: 'Refresh' }).click()
    await expect(activePanel(page).getByTestId(TID.tablePages)).toHaveAttribute('data-count', '300')
    await activePanel(page).getByTestId(TID.fetchAll).click()
    await expect(activePanel(page).getByTestId(TID.tablePages)).toHaveAttribute('data-more', 'false')
    await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    await expect(rows(page)).toHaveAttribute('data-count', '1000')
    await expectServerSent(page, 1000)
  }
})

test('a limit picked while a Data view fetches all counts the rows loaded before: main sends no more than the limit', async ({
  app: page,
}) => {
  await expandSampleSchema(page)
  await newQuery(page, 'SELECT 1')
  await limitSelect(page).selectOption('')
  const events = treeNode(page, 'table', 'events')
  await events.scrollIntoViewIfNeeded()
  await events.click()
  await expect(activePanel(page).getByTestId(TID.tablePages)).toHaveAttribute('data-count', '300')
  await activePanel(page).getByTestId(TID.fetchAll).click()
  await expect
    .poll(async () => Number(await rows(page).getAttribute('data-count')), { timeout: 30_000 })
    .toBeGreaterThan(300)
  // Main was told what is left after the first page: before, it sent 100,000 more on top of the 300.
  await limitSelect(page).selectOption('100000')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
  await expect(status(page)).toContainText('Stopped at the grid limit')
  await expect(rows(page)).toHaveAttribute('data-count', '100000')
  await expectServerSent(page, 100_000)
  await expectLastRow(page, 100_000)
})

test('a limit picked while the query streams stops it at exactly that many rows', async ({ app: page }) => {
  await newQuery(page, 'SELECT * FROM events')
  await limitSelect(page).selectOption('')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'running')
  await expect
    .poll(async () => Number(await rows(page).getAttribute('data-count')), { timeout: 30_000 })
    .toBeGreaterThan(0)
  await limitSelect(page).selectOption('10000')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(status(page)).toContainText('Stopped at the grid limit')
  await expect(rows(page)).toHaveAttribute('data-count', '10000')
  // Main may have sent past 10,000 before the new limit reached it (up to four unacknowledged
  // batches are in flight); it stops reading at once either way: no more than one batch beyond.
  const sent = Number(await status(page).getAttribute('data-server-sent'))
  expect(sent).toBeGreaterThanOrEqual(10_000)
  expect(Number(await status(page).getAttribute('data-server-read'))).toBeLessThanOrEqual(sent + LARGEST_BATCH)
  await expectLastRow(page, 10_000)
  // It stays stopped: no batch arrives later.
  await page.waitForTimeout(500)
  await expect(rows(page)).toHaveAttribute('data-count', '10000')

  // Lowered below what is already loaded: the grid keeps exactly the new limit.
  await limitSelect(page).selectOption('')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect
    .poll(async () => Number(await rows(page).getAttribute('data-count')), { timeout: 30_000 })
    .toBeGreaterThan(1_000)
  await limitSelect(page).selectOption('1000')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(rows(page)).toHaveAttribute('data-count', '1000')
  await expectLastRow(page, 1000)
})
