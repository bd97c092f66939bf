import type { Locator, Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/** Screenshots go here when set (QUARRY_SHOTS_DIR). */
const SHOTS = process.env['QUARRY_SHOTS_DIR']
const SIZES = [
  [1024, 700],
  [1440, 900],
] as const

const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)

/** True when `inner`'s box lies wholly inside `outer`'s (1 px of rounding allowed). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [(await inner.boundingBox())!, (await outer.boundingBox())!]
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1
}

/** Screenshots of the page at both sizes, light and dark. */
async function shots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}-${theme}.png` })
    }
  }
  await page.getByTestId(TID.themeSwitch).selectOption('system')
}

test('a sorted column shows its whole name and its arrow, even narrowed; the arrow stays inside the header', async ({
  app: page,
}) => {
  await newQuery(page, 'SELECT 1 AS total, 2 AS n UNION ALL SELECT 3, 4')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const total = header(page, 0)
  await total.click()
  await expect(total).toHaveAttribute('data-sort', 'asc')
  const arrow = total.getByTestId(TID.gridSortButton)
  const label = total.locator('.qgrid-header-label')
  // The arrow is inside the cell and the name whole beside it (room was kept for it).
  expect(await inside(arrow, total)).toBe(true)
  expect(await label.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true)
  await shots(page, 'sorted-header')
  // Narrowed by the user: the name gives way (ellipsis), the arrow stays whole and inside.
  await page.setViewportSize({ width: 1024, height: 700 })
  const box = (await total.boundingBox())!
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  expect((await total.boundingBox())!.width).toBeLessThan(50)
  expect(await inside(arrow, total)).toBe(true)
  expect(await label.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true)
})

test('the result tab on screen is scrolled into the strip: the newest of a long script', async ({ app: page }) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  const script = Array.from({ length: 16 }, (_, i) => `SELECT ${i + 1} AS statement_number_${i + 1};`).join('\n')
  await newQuery(page, script)
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const strip = activePanel(page).getByTestId(TID.resultTabs)
  const tabs = strip.getByTestId(TID.resultTab)
  await expect(tabs).toHaveCount(16)
  // The strip overflows; the newest (shown) tab is the one in view.
  expect(await strip.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true)
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => inside(tabs.last(), strip)).toBe(true)
  await shots(page, 'result-tabs')
})

test('the result tab on screen stays in the strip when the window is resized or the sidebar collapsed', async ({
  app: page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const script = Array.from({ length: 16 }, (_, i) => `SELECT ${i + 1} AS statement_number_${i + 1};`).join('\n')
  await newQuery(page, script)
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const strip = activePanel(page).getByTestId(TID.resultTabs)
  const tabs = strip.getByTestId(TID.resultTab)
  await expect(tabs).toHaveCount(16)
  await expect.poll(() => inside(tabs.last(), strip)).toBe(true)

  // A narrower window narrows the strip: the newest tab would sit past its right edge.
  await page.setViewportSize({ width: 1024, height: 700 })
  await expect.poll(() => inside(tabs.last(), strip)).toBe(true)

  // Another tab chosen at the far left, the strip scrolled away from it, then the sidebar collapsed
  // (the strip widens): the chosen tab comes back into view.
  await strip.evaluate((node) => (node.scrollLeft = 0))
  await tabs.nth(1).click()
  await strip.evaluate((node) => (node.scrollLeft = node.scrollWidth))
  expect(await inside(tabs.nth(1), strip)).toBe(false)
  await page.getByTestId(TID.sidebarToggle).click()
  await expect.poll(() => inside(tabs.nth(1), strip)).toBe(true)
})

test("SQLite's `no such column: c.country` underlines that token and the error says line:column", async ({
  app: page,
}) => {
  await newQuery(page, 'SELECT 1;\nSELECT c.email,\n  c.country FROM customers c')
  await page.keyboard.press('Escape') // the completion list the last letter opened
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'error')
  await expect(activePanel(page).locator('.cm-lintRange-error')).toHaveText('c.country')
  await expect(activePanel(page).getByTestId(TID.errorPosition)).toHaveText('line 3:3')
  await shots(page, 'error-position')
})

test('the cell viewer follows the selection, copies its value, and docks beside the grid', async ({ app: page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await newQuery(page, `SELECT 1 AS id, '{"a": 1}' AS doc UNION ALL SELECT 2, 'plain two' UNION ALL SELECT 3, 'three'`)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const viewer = activePanel(page).getByTestId(TID.cellViewer)
  await cell(page, 0, 1).dblclick()
  await expect(viewer).toContainText('a: 1')
  // A click on another cell, then the arrow keys: the viewer shows the active cell.
  await cell(page, 1, 1).click()
  await expect(viewer.locator('.qgrid-viewer-text')).toHaveText('plain two')
  await expect(viewer).toContainText('row 2')
  await page.keyboard.press('ArrowDown')
  await expect(viewer.locator('.qgrid-viewer-text')).toHaveText('three')
  await viewer.getByTestId(TID.cellViewerCopy).click()
  await expect(viewer.getByTestId(TID.cellViewerCopy)).toHaveText('Copied')
  await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe('three')
  // Floating, it covers the grid's right side; docked, the grid narrows beside it (remembered).
  const grid = activePanel(page).getByTestId(TID.grid)
  const gridRight = async () => {
    const box = (await grid.locator('.qgrid-scroller').boundingBox())!
    return box.x + box.width
  }
  const viewerLeft = async () => (await viewer.boundingBox())!.x
  expect(await gridRight()).toBeGreaterThan((await viewerLeft()) + 100)
  await viewer.getByTestId(TID.cellViewerDock).click()
  await expect(grid).toHaveAttribute('data-viewer-docked', 'true')
  expect(await gridRight()).toBeLessThanOrEqual((await viewerLeft()) + 1)
  await expect(viewer.getByTestId(TID.cellViewerDock)).toHaveAttribute('aria-pressed', 'true')
  await shots(page, 'cell-viewer-docked')
  await page.reload()
  await newQuery(page, 'SELECT 1 AS id')
  await page.keyboard.press('ControlOrMeta+Enter')
  await cell(page, 0, 0).dblclick()
  await expect(activePanel(page).getByTestId(TID.cellViewer)).toHaveAttribute('data-docked', 'true')
})

test('the sidebar has one row of tools: Connections… opens Export and Import; nothing clipped at either size', async ({
  app: page,
}) => {
  const tools = page.locator('.sidebar-tools')
  // No data-export-looking button in the sidebar (other tabs, e.g. a restored ER diagram, may say Export).
  await expect(page.locator('aside.sidebar').getByText('Export', { exact: true })).toHaveCount(0)
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height })
    // One row: the row is no taller than one of its buttons plus its padding.
    const row = (await tools.boundingBox())!
    const button = (await page.getByTestId(TID.connectionsMenu).boundingBox())!
    expect(row.height).toBeLessThan(button.height + 16)
    // Every control of the sidebar's two rows is whole and inside the sidebar.
    const sidebar = (await page.locator('aside.sidebar').boundingBox())!
    for (const control of await page
      .locator('.sidebar-header button, .sidebar-tools > button, .sidebar-tools > select')
      .all()) {
      const box = (await control.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(sidebar.x + sidebar.width)
      expect(await control.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true)
    }
  }
  await page.getByTestId(TID.connectionsMenu).click()
  const menu = page.getByTestId(TID.contextMenu)
  await expect(menu.getByRole('menuitem')).toHaveText([/Export connections…/, /Import connections…/])
  await shots(page, 'connections-menu')
  await page.keyboard.press('Escape')
  await expect(menu).toBeHidden()
})
