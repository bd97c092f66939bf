import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page, TestInfo } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/**
 * The README's screenshots of the result tools (sample database): a result sorted on two columns
 * with the aggregates of a selection and the record view open; a row's "Referenced by" with counts.
 * At 1024×700 and 1440×900 in both themes; only QUARRY_README_SHOTS=1 writes them into
 * docs/screenshots/ (else the test's output folder). Each run asserts what it shoots is on screen.
 */
const README_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots')
const SIZES = [
  [1024, 700],
  [1440, 900],
] as const

function shotsDir(info: TestInfo): string {
  const dir = process.env['QUARRY_README_SHOTS'] === '1' ? README_DIR : info.outputPath()
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Shoots the page at each size in each theme (`<name>-<theme>.png` at 1440×900), checking the theme took hold. */
async function shootBothThemes(page: Page, dir: string, name: string, stillOpen: () => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height })
      await stillOpen()
      const file = width === 1440 ? `${name}-${theme}` : `${name}-${width}x${height}-${theme}`
      await page.screenshot({ path: join(dir, `${file}.png`), animations: 'disabled', caret: 'hide' })
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

test('README screenshots: result tools (two-column sort, aggregates, record view; Referenced by with counts)', async ({
  app: page,
}, info) => {
  const dir = shotsDir(info)
  await page.setViewportSize({ width: 1440, height: 900 })
  await expandSampleSchema(page)
  const header = (col: number) => activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)

  await newQuery(page, 'SELECT id, sku, category_id, price, stock FROM products ORDER BY id LIMIT 200')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await header(2).click()
  await header(3).click({ modifiers: ['Shift'] })
  await header(3).click({ modifiers: ['Shift'] })
  await expect(header(3)).toHaveAttribute('data-sort-order', '2')
  await cell(page, 0, 3).click()
  await cell(page, 7, 4).click({ modifiers: ['Shift'] })
  const bar = activePanel(page).getByTestId(TID.gridAggregates)
  await expect(bar).toHaveAttribute('data-count', '16')
  await page.keyboard.press('Shift+Enter')
  const record = activePanel(page).getByTestId(TID.recordView)
  await expect(record).toBeVisible()
  await page.mouse.move(0, 899)
  await shootBothThemes(page, dir, 'results', async () => {
    await expect(record).toBeVisible()
    await expect(bar).toBeVisible()
  })

  await page.keyboard.press('Escape')
  await treeNode(page, 'table', 'categories').click()
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(cell(page, 2, 3)).toHaveText('headphones') // a category products are filed under
  await cell(page, 2, 2).click({ button: 'right' })
  await page.getByTestId(TID.gridMenu).locator('[data-format="referenced-by"]').click()
  const products = page.getByTestId(TID.gridReferencedBy).locator('[data-target="products"]')
  await expect(products).toHaveAttribute('data-count', /^[1-9]\d*$/, { timeout: 30_000 })
  await shootBothThemes(page, dir, 'referenced-by', () => expect(products).toBeVisible())
})
