import { expect, type Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { test } from './fixtures/browser-mode'

const ROWS = 5_000_000
const SQL = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT i FROM n`

/**
 * 5,000,000 rows are 120,000,000 px of rows at 24 px: far past the height browsers let an element
 * have (Chromium: ~33.5M px). The grid scales scroll positions, so the last row is still reachable
 * by keyboard and by the scrollbar, and the wheel still moves rows one by one.
 */
test('the last of 5,000,000 rows is reachable by Ctrl+End and by the scrollbar', async ({ app: page }) => {
  test.setTimeout(180_000)
  await newQuery(page, SQL)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 150_000 })
  await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', String(ROWS))

  const scroller = activePanel(page).getByTestId(TID.gridScroller)
  const heights = await scroller.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }))
  expect(heights.scroll).toBeLessThan(33_000_000)

  // Keyboard: select the first cell, then Ctrl+End.
  await cell(page, 0, 0).click()
  await page.keyboard.press('ControlOrMeta+End')
  await expect(cell(page, ROWS - 1, 0)).toHaveText(String(ROWS))
  await expect(cell(page, ROWS - 1, 0)).toBeInViewport()
  await expect(cell(page, ROWS - 1, 0)).toHaveAttribute('data-active', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(cell(page, ROWS - 2, 0)).toHaveAttribute('data-active', 'true')
  await page.keyboard.press('ControlOrMeta+Home')
  await expect(cell(page, 0, 0)).toBeInViewport()

  // Scrollbar: drag the thumb to the bottom (the scroller's scrollTop at its maximum).
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(cell(page, ROWS - 1, 0)).toBeInViewport()
  await expect(cell(page, ROWS - 1, 0)).toHaveText(String(ROWS))

  // Halfway down the scrollbar is halfway through the rows.
  await scroller.evaluate((el) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) / 2))
  const middle = await topVisibleRow(page)
  expect(Math.abs(middle - ROWS / 2)).toBeLessThan(100)

  // The wheel moves content pixel for pixel, not by the scaled step: 10 rows down is 10 rows.
  await scroller.hover()
  await page.mouse.wheel(0, 240)
  await expect.poll(() => topVisibleRow(page)).toBe(middle + 10)
})

/** The first row whose cell is fully below the header. */
async function topVisibleRow(page: Page): Promise<number> {
  return activePanel(page)
    .getByTestId(TID.gridScroller)
    .evaluate((el) => {
      const header = el.querySelector('.qgrid-header')!.getBoundingClientRect().bottom
      const cells = [...el.querySelectorAll('[data-row][data-col="0"]')]
      const below = cells.filter((c) => c.getBoundingClientRect().top >= header - 0.5)
      return Math.min(...below.map((c) => Number(c.getAttribute('data-row'))))
    })
}
