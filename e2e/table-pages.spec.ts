import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { Client } from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand } from './fixtures/connections'
import { sampleRow } from './fixtures/sample-db'

const pages = (page: Page) => activePanel(page).getByTestId(TID.tablePages)
const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)

/** Scrolls the grid to its last loaded row (the view nearing the end asks for the next page). */
async function scrollToEnd(page: Page): Promise<void> {
  await activePanel(page)
    .getByTestId(TID.gridScroller)
    .evaluate((el) => (el.scrollTop = el.scrollHeight))
}

/** Scrolls the grid so `row` is in view (rows are only in the DOM while in view). */
async function scrollToRow(page: Page, row: number): Promise<void> {
  const scroller = activePanel(page).getByTestId(TID.gridScroller)
  const height = await activePanel(page)
    .getByTestId(TID.gridCell)
    .first()
    .evaluate((el) => el.getBoundingClientRect().height)
  await scroller.evaluate((el, top) => (el.scrollTop = top), Math.max(0, row - 5) * height)
}

/** The SQL the Data view shows it ran, and its bound values. */
async function shownStatement(page: Page): Promise<{ sql: string; params: string[] }> {
  const sql = (await activePanel(page).getByTestId(TID.generatedSql).textContent()) ?? ''
  const shown = activePanel(page).getByTestId(TID.generatedParams)
  const text = (await shown.count()) > 0 ? ((await shown.textContent()) ?? '') : ''
  return { sql, params: [...text.matchAll(/#\d+ = '((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'")) }
}

test("the sample's 1,000,000 events open as one page, read more as the view scrolls, sort on the server from page 1", async ({
  app: page,
}, testInfo) => {
  await expandSampleSchema(page)
  // The connection's first query starts its engine process (~0.6 s here): measured warm, as a user
  // opening a second table sees it.
  await treeNode(page, 'table', 'customers').click()
  await expect(cell(page, 0, 0)).toHaveText('1')
  const events = treeNode(page, 'table', 'events')
  await events.scrollIntoViewIfNeeded()
  const clickedAt = Date.now()
  await events.click()
  await expect(cell(page, 0, 0)).toHaveText('1')
  const firstRowsMs = Date.now() - clickedAt
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const doneMs = Date.now() - clickedAt

  // One page of 300 rows, not 1,000,000; more are left, and the status says so.
  await expect(pages(page)).toHaveAttribute('data-count', '300')
  await expect(pages(page)).toHaveAttribute('data-more', 'true')
  await expect(pages(page)).toHaveAttribute('data-mode', 'keyset')
  await expect(pages(page)).toContainText('300 rows loaded · more')
  await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', '300')
  await expect(activePanel(page).getByTestId(TID.fetchAll)).toBeEnabled()

  // Rows read on the server: the statement shown is what ran; SQLite scans the rowid in order with
  // no sort step, so it stops at the LIMIT (300 rows read of 1,000,000).
  const first = await shownStatement(page)
  expect(first.sql).toMatch(/ORDER BY "id" ASC LIMIT 300$/)
  const db = new Database(process.env['QUARRY_SAMPLE_DB'] ?? 'resources/sample.db', { readonly: true })
  try {
    const plan = (sql: string, params: string[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
    expect(plan(first.sql, first.params)).toEqual(['SCAN main.events'])
    expect(db.prepare(first.sql).all(...first.params)).toHaveLength(300)

    // The view nears the end of what is loaded: the next page arrives, after the last row's key.
    await scrollToEnd(page)
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    const next = await shownStatement(page)
    expect(next.params).toEqual(['300'])
    expect(next.sql).toMatch(/WHERE \(\("id" > CAST\(\? AS INTEGER\)\)\) ORDER BY "id" ASC LIMIT 1000$/)
    // A search on the rowid: the second page reads its 1,000 rows, not the 300 before them.
    expect(plan(next.sql, next.params)).toEqual(['SEARCH main.events USING INTEGER PRIMARY KEY (rowid>?)'])
    await scrollToRow(page, 300)
    await expect(cell(page, 300, 0)).toHaveText('301')
    await scrollToRow(page, 1299)
    await expect(cell(page, 1299, 0)).toHaveText('1300')
  } finally {
    db.close()
  }

  // A header click sorts on the server and starts again from page 1 of the new order (NULLs last).
  await header(page, 2).click()
  await expect(header(page, 2)).toHaveAttribute('data-sort', 'asc')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(pages(page)).toHaveAttribute('data-count', '300')
  const order = 'ORDER BY customer_id IS NULL, customer_id, id'
  const at = (offset: number) => String(sampleRow(`SELECT id FROM events ${order} LIMIT 1 OFFSET ${offset}`)['id'])
  await expect(cell(page, 0, 0)).toHaveText(at(0))
  await scrollToRow(page, 299)
  await expect(cell(page, 299, 0)).toHaveText(at(299))
  await scrollToEnd(page)
  await expect(pages(page)).toHaveAttribute('data-count', '1300', { timeout: 60_000 })
  await scrollToRow(page, 300)
  await expect(cell(page, 300, 0)).toHaveText(at(300))
  await scrollToRow(page, 1299)
  await expect(cell(page, 1299, 0)).toHaveText(at(1299))

  const figures = `events (1,000,000 rows): first rows painted ${firstRowsMs} ms after the click, first page done ${doneMs} ms; 300 rows read by the server`
  console.log(`[measure] ${figures}`)
  testInfo.annotations.push({ type: 'measure', description: figures })
})

test('Fetch all reads every row left after the loaded pages, streamed like a query', async ({ app: page }) => {
  await expandSampleSchema(page)
  // order_items: more rows than a page, fewer than the events.
  const total = Number(sampleRow('SELECT count(*) AS n FROM order_items')['n'])
  test.skip(total <= 300, 'order_items has no more than one page of rows')
  await treeNode(page, 'table', 'order_items').click()
  await expect(pages(page)).toHaveAttribute('data-count', '300')
  await activePanel(page).getByTestId(TID.fetchAll).click()
  await expect(pages(page)).toHaveAttribute('data-count', String(total), { timeout: 60_000 })
  await expect(pages(page)).toHaveAttribute('data-more', 'false')
  await expect(pages(page)).toContainText(`all ${total.toLocaleString('en-US')} rows loaded`)
  // Rows come in key order (order_id, line_no): the last is the greatest key.
  const lastId = String(sampleRow('SELECT order_id FROM order_items ORDER BY order_id DESC, line_no DESC')['order_id'])
  await activePanel(page)
    .getByTestId(TID.gridScroller)
    .evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(cell(page, total - 1, 0)).toHaveText(lastId)
})

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[table-pages.spec] PostgreSQL part skipped: ${skipReason}`)

/** The rows public.big has given out so far, counted by the server (sequential and index reads). */
async function rowsRead(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables
      WHERE schemaname = 'public' AND relname = 'big'`,
  )
  return Number(rows[0]!.n)
}

/**
 * A backend publishes its counters when it goes idle, but at most once a second: one that published
 * less than a second before waits 10 s (PostgreSQL 15's idle interval). Letting a second pass before
 * the measured read makes its counts arrive at once instead of 10 s later (the polls wait either way).
 */
const letCountersSettle = (page: Page): Promise<void> => page.waitForTimeout(1_100)

test('PostgreSQL: opening a 1,000,000-row table reads one page on the server, counted by the server', async ({
  app: page,
}, testInfo) => {
  test.skip(!url, skipReason)
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await addConnection(page, url!, 'e2e postgres pages', /PostgreSQL \d+/)
    await expand(page, 'connection', 'e2e postgres pages')
    await expand(page, 'database', 'quarry_e2e')
    await expand(page, 'schema', 'public')
    const before = await rowsRead(client)
    await letCountersSettle(page)
    const clickedAt = Date.now()
    await page.locator(`[data-testid="${TID.treeNode}"][data-kind="table"][data-name="big"]`).click()
    await expect(cell(page, 0, 0)).toHaveText('1')
    const firstRowsMs = Date.now() - clickedAt
    await expect(pages(page)).toHaveAttribute('data-count', '300')
    // The server's own counters (flushed by the app's session when it goes idle): one page read.
    await expect.poll(() => rowsRead(client), { timeout: 30_000 }).toBeGreaterThan(before)
    const firstRead = (await rowsRead(client)) - before
    expect(firstRead).toBeLessThanOrEqual(300)
    await letCountersSettle(page)
    await scrollToEnd(page)
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    // Row 1,001 is in the second page, not near its end (which would ask for a third).
    await scrollToRow(page, 1000)
    await expect(cell(page, 1000, 0)).toHaveText('1001')
    await expect.poll(() => rowsRead(client), { timeout: 30_000 }).toBeGreaterThan(before + firstRead)
    const bothRead = (await rowsRead(client)) - before
    // The rows of both pages (a scan may count one tuple past its page's end as fetched).
    expect(bothRead).toBeLessThanOrEqual(1300 + 2)
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    // The page query as it ran, analysed: an index scan on the key that stops at the LIMIT.
    const shown = await shownStatement(page)
    const explained = await client.query<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${shown.sql}`,
      shown.params,
    )
    const plan = explained.rows[0]!['QUERY PLAN'][0]!.Plan
    expect(plan['Node Type']).toBe('Limit')
    const scan = (plan['Plans'] as Record<string, unknown>[])[0]!
    expect(scan['Node Type']).toBe('Index Scan')
    expect(scan['Actual Rows']).toBe(1000)

    const figures = `PostgreSQL big (1,000,000 rows): first rows painted ${firstRowsMs} ms; rows read by the server: ${firstRead} for the first page, ${bothRead} after the second`
    console.log(`[measure] ${figures}`)
    testInfo.annotations.push({ type: 'measure', description: figures })
  } finally {
    await client.end()
  }
})
