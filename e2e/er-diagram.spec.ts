import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, expandSampleSchema, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/** Review shots go to /work/notes/shots/er when that folder's parent exists; the README's one with QUARRY_README_SHOTS=1. */
const NOTES_SHOTS = '/work/notes/shots/er'
const README_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots')

const box = (page: Page, name: string) =>
  activePanel(page).locator(`[data-testid="${TID.erTable}"][data-table="${name}"]`)
const edges = (page: Page) => activePanel(page).getByTestId(TID.erEdge)
const menuItem = (page: Page, id: string) => page.getByTestId(TID.contextMenu).locator(`[data-item="${id}"]`)

async function shots(page: Page, name: string): Promise<void> {
  let dir: string
  try {
    mkdirSync(NOTES_SHOTS, { recursive: true })
    dir = NOTES_SHOTS
  } catch {
    return
  }
  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId(TID.themeSwitch).selectOption(theme)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await activePanel(page).getByTestId(TID.erFit).click()
      await page.mouse.move(0, height - 1)
      await page.screenshot({ path: join(dir, `${name}-${width}x${height}-${theme}.png`), animations: 'disabled' })
      if (process.env['QUARRY_README_SHOTS'] === '1' && width === 1440 && theme === 'light') {
        await page.screenshot({ path: join(README_DIR, 'er-diagram.png'), animations: 'disabled' })
      }
    }
  }
  await page.getByTestId(TID.themeSwitch).selectOption('light')
}

test('ER diagram: a schema from the tree, a table and its neighbours one hop at a time, Mermaid, layout kept', async ({
  app: page,
}) => {
  test.setTimeout(120_000)
  await expandSampleSchema(page)
  // A table's menu offering its diagram starts nothing: the layout worker (elkjs, about a second of
  // CPU to load) starts only once a diagram's first boxes are painted.
  await treeNode(page, 'table', 'payments').click({ button: 'right' })
  await expect(menuItem(page, 'er-diagram')).toBeVisible()
  await page.waitForTimeout(500)
  expect(page.workers()).toHaveLength(0)
  await page.keyboard.press('Escape')

  // The whole schema: every table and view as a box (12 + 3), every declared foreign key as an edge.
  await treeNode(page, 'schema', 'main').click({ button: 'right' })
  await menuItem(page, 'er-diagram').click()
  await expect(box(page, 'orders')).toBeVisible()
  await expect.poll(() => page.workers().length).toBe(1)
  await expect(activePanel(page).getByTestId(TID.erStatus)).toContainText('15 tables · 17 relationships')
  await expect(activePanel(page).getByTestId(TID.erStatus)).not.toContainText('Laying out')
  await expect(edges(page)).toHaveCount(17)
  await expect(box(page, 'orders')).toContainText('customer_id')
  await expect(box(page, 'orders')).toContainText('FK')
  await shots(page, 'schema')

  // Mermaid: downloaded as text, with the sample's relationships.
  const download = page.waitForEvent('download')
  await activePanel(page).getByTestId(TID.erMermaid).click()
  const file = await (await download).path()
  const mermaid = readFileSync(file, 'utf8')
  expect(mermaid.startsWith('erDiagram\n')).toBe(true)
  expect(mermaid).toContain('customers ||--o{ orders : "orders_fk')
  expect(mermaid).toContain('    orders {')

  // A table and its neighbours; "+N" on a box brings in the next hop.
  await treeNode(page, 'table', 'payments').click({ button: 'right' })
  await menuItem(page, 'er-diagram').click()
  await expect(box(page, 'payments')).toBeVisible()
  await expect(box(page, 'orders')).toBeVisible()
  await expect(box(page, 'customers')).toHaveCount(0)
  await expect(activePanel(page).getByTestId(TID.erStatus)).toContainText('2 tables · 1 relationships')
  await expect(activePanel(page).getByTestId(TID.erStatus)).not.toContainText('Laying out')
  await box(page, 'orders').getByTestId(TID.erExpand).click()
  await expect(box(page, 'customers')).toBeVisible()
  await expect(box(page, 'order_items')).toBeVisible()
  await shots(page, 'neighbours')

  // Find jumps to a table and highlights it.
  await activePanel(page).getByTestId(TID.erFind).fill('custom')
  await activePanel(page).getByTestId(TID.erFind).press('Enter')
  await expect(box(page, 'customers')).toHaveClass(/er-box-highlight/)

  // Drag a box by its header; after a reload the tab is back with the box where it was left.
  await expect(activePanel(page).getByTestId(TID.erStatus)).not.toContainText('Laying out')
  await activePanel(page).getByTestId(TID.erFit).click()
  const header = box(page, 'payments').locator('.er-box-head')
  const at = (await header.boundingBox())!
  await page.mouse.move(at.x + 20, at.y + 10)
  await page.mouse.down()
  await page.mouse.move(at.x + 80, at.y + 70, { steps: 5 })
  await page.mouse.up()
  const moved = await box(page, 'payments').getAttribute('transform')
  await page.waitForTimeout(1500) // the tabs journal saves after a pause
  await page.reload()
  await expect(box(page, 'payments')).toBeVisible()
  await expect(box(page, 'payments')).toHaveAttribute('transform', moved!)
})
