import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page, TestInfo } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/**
 * The README's screenshots: a query tab with its result beside the tree open on a table, and a
 * table's Structure, at 1024×700, 1440×900 and 1920×1080 in both themes. Every run asserts what it shoots is on screen;
 * only QUARRY_README_SHOTS=1 writes the PNGs into docs/screenshots/ (else the test's output folder),
 * so a normal run leaves the working tree clean.
 */
const README_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots')

const QUERY = `SELECT c.id, c.first_name, c.last_name, c.loyalty_tier,
  count(o.id) AS orders, round(sum(o.total), 2) AS spent
FROM customers c
JOIN orders o ON o.customer_id = c.id
GROUP BY c.id
ORDER BY spent DESC
LIMIT 200;`

function shotsDir(info: TestInfo): string {
  const dir = process.env['QUARRY_README_SHOTS'] === '1' ? README_DIR : info.outputPath()
  mkdirSync(dir, { recursive: true })
  return dir
}

async function shoot(page: Page, dir: string, name: string): Promise<void> {
  // The pointer parks off the content so no hover state lands in the picture.
  await page.mouse.move(0, (page.viewportSize()?.height ?? 700) - 1)
  await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' })
}

const THEMES = ['light', 'dark'] as const
/** The README shows 1440×900 (`<name>-<theme>.png`); docs/screenshots.md links the other sizes. */
const SIZES = [
  [1024, 700],
  [1440, 900],
  [1920, 1080],
] as const

/** Shoots the page as it is at each size in each theme, checking the theme took hold before each shot. */
async function shootBothThemes(page: Page, dir: string, name: string): Promise<void> {
  for (const theme of THEMES) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height })
      await shoot(page, dir, width === 1440 ? `${name}-${theme}` : `${name}-${width}x${height}-${theme}`)
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

// One scene, shot in both themes: tabs persist in the worker's server, so a second test would see
// the first one's tabs.
test("README screenshots: a query result beside the tree, and a table's Structure, light and dark", async ({
  app: page,
}, info) => {
  const dir = shotsDir(info)
  await page.setViewportSize({ width: 1440, height: 900 })
  // The saved-queries section would show the throwaway folder's path: folded, it shows its title.
  const savedToggle = page.getByTestId(TID.savedQueries).locator('.saved-queries-toggle')
  await savedToggle.click()
  await expect(savedToggle).toHaveAttribute('aria-expanded', 'false')

  // The tree open on a table: orders' columns with their key marks.
  await expandSampleSchema(page)
  await treeNode(page, 'table', 'orders').locator('.tree-caret').click()
  await expect(treeNode(page, 'column', 'customer_id')).toContainText('FK')

  await newQuery(page, QUERY)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', '200')
  await expect(cell(page, 0, 1)).toBeVisible()
  await expect(cell(page, 0, 1)).not.toBeEmpty()
  await shootBothThemes(page, dir, 'query')

  // A table's Structure: columns, indexes, foreign keys, checks and DDL.
  await treeNode(page, 'table', 'orders').click()
  await activePanel(page).getByTestId(TID.viewToggleStructure).click()
  const structure = activePanel(page).getByTestId(TID.structureView)
  await expect(structure.getByTestId(TID.structureColumns)).toContainText('customer_id')
  await expect(structure.getByTestId(TID.structureForeignKeys)).toContainText('customers(id)')
  await shootBothThemes(page, dir, 'structure')
})
