import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const activeTab = (page: Page) => page.locator(`[data-testid="${TID.tab}"][aria-selected="true"]`)
/** The 0-based grid column of a named column in the active tab. */
const columnIndex = async (page: Page, name: string): Promise<number> => {
  const header = activePanel(page)
    .getByTestId(TID.gridHeader)
    .filter({ hasText: new RegExp(`^${name}`) })
  return Number(await header.first().getAttribute('data-col'))
}
const done = (page: Page) => expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })

test('a foreign-key value opens the referenced row; a row lists the tables that reference it', async ({
  app: page,
}) => {
  await expandSampleSchema(page)
  await treeNode(page, 'table', 'products').click()
  await done(page)
  const category = await columnIndex(page, 'category_id')
  const key = cell(page, 0, category)
  await expect(key).toHaveAttribute('data-link', 'true')
  // Columns that hold no key are plain values.
  await expect(cell(page, 0, 0)).not.toHaveAttribute('data-link', /.*/)
  const categoryId = (await key.textContent()) ?? ''
  expect(categoryId).toMatch(/^\d+$/)

  // Ctrl/Cmd+click follows the key: the categories Data view, filtered on it with a bound parameter.
  await key.click({ modifiers: ['ControlOrMeta'] })
  await expect(activeTab(page)).toHaveAttribute('data-title', 'categories')
  const panel = activePanel(page)
  await expect(panel.getByTestId(TID.generatedSql)).toHaveText(
    `SELECT * FROM "main"."categories" WHERE "id" = ? ORDER BY "id" ASC LIMIT 300`,
  )
  await expect(panel.getByTestId(TID.generatedParams)).toHaveText(`#1 = '${categoryId}'`)
  await done(page)
  await expect(panel.getByTestId(TID.statusRows)).toHaveAttribute('data-count', '1')
  await expect(cell(page, 0, 0)).toHaveText(categoryId)
  // The filter is the Data view's own: shown in its bar, where it can be changed or cleared.
  await expect(panel.getByTestId(TID.tableFilterCondition).locator('input')).toHaveValue(categoryId)

  // "Referenced by" lists the tables whose keys point here, and opens one filtered on this row.
  await cell(page, 0, 1).click({ button: 'right' })
  await page.getByTestId(TID.gridMenu).locator('[data-format="referenced-by"]').click()
  const referencing = page.getByTestId(TID.gridReferencedBy)
  await expect(referencing.locator('[data-target="products"]')).toBeVisible({ timeout: 30_000 })
  await expect(referencing.locator('[data-target="categories"]')).toBeVisible() // parent_id, a key to itself
  await expect(referencing.locator('[data-target]')).toHaveCount(2)
  await referencing.locator('[data-target="products"]').click()
  await expect(activeTab(page)).toHaveAttribute('data-title', 'products')
  await expect(activePanel(page).getByTestId(TID.generatedSql)).toHaveText(
    `SELECT * FROM "main"."products" WHERE "category_id" = ? ORDER BY "id" ASC LIMIT 300`,
  )
  await expect(activePanel(page).getByTestId(TID.generatedParams)).toHaveText(`#1 = '${categoryId}'`)
  await done(page)
  await expect(cell(page, 0, category)).toHaveText(categoryId)

  // Keyboard: Ctrl/Cmd+Enter on a key cell follows it.
  const supplier = await columnIndex(page, 'supplier_id')
  const supplierCell = cell(page, 0, supplier)
  const supplierId = (await supplierCell.textContent()) ?? ''
  await supplierCell.click()
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(activeTab(page)).toHaveAttribute('data-title', 'suppliers')
  await expect(activePanel(page).getByTestId(TID.generatedParams)).toHaveText(`#1 = '${supplierId}'`)
  await done(page)
  await expect(cell(page, 0, 0)).toHaveText(supplierId)
})

test('a query result of one table links its keys too (an alias still links, an expression does not)', async ({
  app: page,
}) => {
  await newQuery(page, 'SELECT id, name, category_id AS cat, supplier_id + 0 AS sup FROM products ORDER BY id')
  await activePanel(page).getByTestId(TID.runButton).click()
  await done(page)
  const key = cell(page, 0, 2)
  await expect(key).toHaveAttribute('data-link', 'true')
  await expect(cell(page, 0, 3)).not.toHaveAttribute('data-link', /.*/)
  const categoryId = (await key.textContent()) ?? ''
  expect(categoryId).toMatch(/^\d+$/)
  await key.click({ modifiers: ['ControlOrMeta'] })
  await expect(activeTab(page)).toHaveAttribute('data-title', 'categories')
  await expect(activePanel(page).getByTestId(TID.generatedParams)).toHaveText(`#1 = '${categoryId}'`)
  await done(page)
  await expect(cell(page, 0, 0)).toHaveText(categoryId)

  // "Referenced by" from a query result's row: the rows of order_items that point at this product.
  await newQuery(page, 'SELECT p.id, p.name FROM products p WHERE p.id = 1')
  await activePanel(page).getByTestId(TID.runButton).click()
  await done(page)
  await cell(page, 0, 1).click({ button: 'right' })
  await page.getByTestId(TID.gridMenu).locator('[data-format="referenced-by"]').click()
  const referencing = page.getByTestId(TID.gridReferencedBy)
  await expect(referencing.locator('[data-target="order_items"]')).toBeVisible({ timeout: 30_000 })
  await page.keyboard.press('Escape')
})
