import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const bar = (page: Page) => activePanel(page).getByTestId(TID.gridAggregates)
const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)

async function run(page: Page, sql: string): Promise<void> {
  await newQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
}

/** The exact sum, distinct count, min and max of events.trace_id, read from the file with 64-bit integers. */
function traceIdTruth() {
  const file =
    process.env['QUARRY_SAMPLE_DB'] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'sample.db')
  const db = new Database(file, { readonly: true })
  try {
    let sum = 0n
    const seen = new Set<bigint>()
    for (const value of db.prepare('SELECT trace_id FROM events').safeIntegers(true).pluck().iterate()) {
      sum += value as bigint
      seen.add(value as bigint)
    }
    return { sum: String(sum), distinct: seen.size }
  } finally {
    db.close()
  }
}

test('aggregates of a selection: exact for 64-bit integers', async ({ app: page }) => {
  await run(
    page,
    'SELECT 9223372036854775807 AS big, 1.5 AS f UNION ALL SELECT 9223372036854775807, 2.25 UNION ALL SELECT 3, NULL',
  )
  await cell(page, 0, 0).click()
  await expect(bar(page)).toHaveCount(0) // one cell: nothing to aggregate
  await cell(page, 2, 0).click({ modifiers: ['Shift'] })
  await expect(bar(page)).toHaveAttribute('data-sum', '18446744073709551617')
  await expect(bar(page)).toHaveAttribute('data-count', '3')
  await expect(bar(page)).toHaveAttribute('data-distinct', '2')
  await expect(bar(page)).toHaveAttribute('data-min', '3')
  await expect(bar(page)).toHaveAttribute('data-max', '9223372036854775807')
  await expect(bar(page)).toContainText('Avg 6148914691236517205.666667')
  // The float column: NULL is not counted.
  await header(page, 1).click({ modifiers: ['ControlOrMeta'] })
  await expect(bar(page)).toHaveAttribute('data-sum', '3.75')
  await expect(bar(page)).toHaveAttribute('data-count', '2')
})

test('aggregates of a whole 1,000,000-row int64 column, computed without freezing the grid', async ({ app: page }) => {
  test.setTimeout(240_000)
  const truth = traceIdTruth()
  await run(page, 'SELECT id, trace_id FROM events')
  await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', '1000000')
  // Longest gap between animation frames while the aggregates are computed.
  await page.evaluate(() => {
    // Runs in the page (no DOM types in this project's tsconfig).
    const w = globalThis as unknown as {
      maxGap: number
      watching: boolean
      requestAnimationFrame: (tick: (now: number) => void) => void
    }
    w.maxGap = 0
    w.watching = true
    let last = performance.now()
    const tick = (now: number) => {
      w.maxGap = Math.max(w.maxGap, now - last)
      last = now
      if (w.watching) w.requestAnimationFrame(tick)
    }
    w.requestAnimationFrame(tick)
  })
  const started = Date.now()
  await header(page, 1).click({ modifiers: ['ControlOrMeta'] })
  await expect(bar(page)).toHaveAttribute('data-status', 'computing')
  await expect(bar(page)).toHaveAttribute('data-status', 'ready', { timeout: 120_000 })
  const elapsedMs = Date.now() - started
  const maxGap = await page.evaluate(() => {
    const w = globalThis as unknown as { maxGap: number; watching: boolean }
    w.watching = false
    return w.maxGap
  })
  console.log(`aggregates of 1,000,000 trace_id cells: ${elapsedMs} ms; longest frame gap ${Math.round(maxGap)} ms`)
  await expect(bar(page)).toHaveAttribute('data-count', '1000000')
  await expect(bar(page)).toHaveAttribute('data-sum', truth.sum)
  await expect(bar(page)).toHaveAttribute('data-distinct', String(truth.distinct))
  await expect(bar(page)).toHaveAttribute('data-min', '-9223372036854775808')
  await expect(bar(page)).toHaveAttribute('data-max', '9223372036854775807')
  expect(maxGap).toBeLessThan(400)
})
