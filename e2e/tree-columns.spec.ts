import { mkdirSync } from 'node:fs'
import type { Locator } from '@playwright/test'
import { treeNode, expandSampleSchema } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/** Where a row's parts sit and whether its name is cut. */
const measure = (row: Locator) =>
  row.evaluate((element) => {
    const textWidth = (node: typeof element) => {
      const range = element.ownerDocument.createRange()
      range.selectNodeContents(node)
      return range.getBoundingClientRect().width
    }
    const box = (selector: string) => element.querySelector(selector)!.getBoundingClientRect()
    const label = element.querySelector('.tree-label')!
    // Parts that drop out wrap onto the detail's hidden second line: only those on the row count.
    const line = element.querySelector('.tree-detail')!.getBoundingClientRect()
    // Shown: on the detail's line and within its box (what lies outside is clipped away).
    const shown = (rect: { top: number; left: number; right: number }) =>
      rect.top < line.bottom - 1 && rect.right > line.left + 0.5 && rect.left < line.right - 0.5
    const marks = [...element.querySelectorAll('.tree-mark')].map((mark) => mark.getBoundingClientRect()).filter(shown)
    return {
      row: element.getBoundingClientRect(),
      // The text's own width against its box's (scrollWidth rounds: a cut by a fraction of a pixel
      // still draws an ellipsis).
      nameCut: textWidth(label) > label.getBoundingClientRect().width + 0.01,
      label: box('.tree-label'),
      icon: box('.tree-icon'),
      type: box('.tree-type'),
      marks,
      detail: line,
    }
  })

test('column rows stay readable at the default sidebar width: name whole, marks whole, type flush right', async ({
  app: page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await expandSampleSchema(page)
  await treeNode(page, 'table', 'orders').locator('.tree-caret').click()
  const column = treeNode(page, 'column', 'shipping_address_id')
  await expect(column).toBeVisible()
  mkdirSync('/work/notes/shots/tree', { recursive: true })

  const rows = page.locator('[data-testid="tree-node"][data-kind="column"]')
  const rights: number[] = []
  const icons: number[] = []
  for (const row of await rows.all()) {
    const parts = await measure(row)
    const name = await row.getAttribute('data-name')
    expect(parts.nameCut, `${name}: its name is cut`).toBe(false)
    for (const mark of parts.marks) {
      expect(mark.right, `${name}: a mark runs past the row`).toBeLessThanOrEqual(parts.row.right)
      expect(mark.left, `${name}: a mark overlaps the name`).toBeGreaterThanOrEqual(parts.label.right)
    }
    expect(parts.type.right, `${name}: its type runs past the row`).toBeLessThanOrEqual(parts.row.right)
    rights.push(Math.round(parts.type.right))
    icons.push(Math.round(parts.icon.left))
  }
  await page.getByTestId('tree').screenshot({ path: '/work/notes/shots/tree/tree-columns-1024.png' })
  // Right-aligned: every type ends at the same x.
  expect(new Set(rights).size).toBe(1)
  // The caret and icon keep their place whatever the name's length.
  expect(new Set(icons).size).toBe(1)
  // The tooltip has the whole text, whatever the width shows.
  await expect(column).toHaveAttribute('title', /^shipping_address_id: INTEGER, (nullable|not null)/)

  // Narrowed further (a sidebar of 240 px), the detail gives way before the name: still whole.
  await page
    .locator('[style*="--sidebar-width"]')
    .evaluate((node) => node.style.setProperty('--sidebar-width', '240px'))
  await expect.poll(async () => (await measure(column)).row.width).toBe(240)
  const narrow = await measure(column)
  expect(narrow.nameCut).toBe(false)
  for (const mark of narrow.marks) {
    // A mark is shown whole or not at all: never a sliver at the row's edge, never over the name.
    expect(mark.left).toBeGreaterThanOrEqual(narrow.detail.left - 0.5)
    expect(mark.right).toBeLessThanOrEqual(narrow.detail.right + 0.5)
    expect(mark.left).toBeGreaterThanOrEqual(narrow.label.right)
  }
})
