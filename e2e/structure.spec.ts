import { TID } from '../src/renderer/src/test-ids'
import { activePanel, expandSampleSchema, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

test("a table's Structure shows its columns, indexes and foreign keys", async ({ app: page }) => {
  await expandSampleSchema(page)
  await treeNode(page, 'table', 'orders').click()
  await activePanel(page).getByTestId(TID.viewToggleStructure).click()
  const structure = activePanel(page).getByTestId(TID.structureView)

  const columns = structure.getByTestId(TID.structureColumns)
  // Nullable in one vocabulary: yes/no.
  await expect(columns.locator('tr', { hasText: 'customer_id' }).locator('td').nth(3)).toHaveText('no')
  await expect(columns.locator('tbody tr').first()).toContainText('PK 1')

  const foreignKeys = structure.getByTestId(TID.structureForeignKeys)
  await expect(foreignKeys.locator('tr', { hasText: 'customer_id' })).toContainText('customers(id)')
  await expect(foreignKeys.locator('tr', { hasText: 'customer_id' })).toContainText('RESTRICT')
  await expect(foreignKeys.locator('tr', { hasText: 'shipping_address_id' })).toContainText('SET NULL')

  await expect(structure.getByTestId(TID.structureIndexes).locator('tbody tr').first()).toBeVisible()
  // SQLite keeps CHECK constraints only in the table's DDL: Structure reads them from there.
  await expect(structure.getByTestId(TID.structureChecks)).toContainText("CHECK (status IN ('pending', 'paid'")

  await activePanel(page).getByTestId(TID.viewToggleData).click()
  await expect(activePanel(page).getByTestId(TID.dataView)).toBeVisible()
})
