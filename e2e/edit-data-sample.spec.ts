import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/** Opens a sample table's Data view and waits for its first rows. */
async function openTable(page: Page, table: string): Promise<void> {
  await expandSampleSchema(page)
  await treeNode(page, 'table', table).click()
  await expect(cell(page, 0, 0)).toBeVisible()
}

/** The grid row showing the row whose first column reads `id`. */
const rowOf = (page: Page, id: string) =>
  activePanel(page).locator('.qgrid-row', { has: page.locator(`[data-col="0"]`, { hasText: new RegExp(`^${id}$`) }) })

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)

/** Edits a cell: double-click, replace the text, Enter. */
async function editCell(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = activePanel(page).getByTestId(TID.cellEditor)
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.press('Enter')
  await expect(editor).toBeHidden()
}

test.describe('editing data on the sample (SQLite)', () => {
  test('stages an edit, a new row and a delete, marks them, undoes and redoes, and keeps them across a sort', async ({
    app: page,
  }) => {
    await openTable(page, 'suppliers')
    const panel = activePanel(page)
    // Column 1 is name (TEXT NOT NULL UNIQUE): edit row 0's.
    const before = await cell(page, 0, 1).textContent()
    await editCell(page, 0, 1, 'Edited supplier')
    await expect(cell(page, 0, 1)).toHaveText('Edited supplier')
    await expect(cell(page, 0, 1)).toHaveAttribute('data-changed', 'true')
    await expect(cell(page, 0, 1)).toHaveAttribute('title', `Was: ${before}`)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')

    // Esc cancels: nothing more is staged.
    await cell(page, 1, 1).dblclick()
    await panel.getByTestId(TID.cellEditor).fill('not kept')
    await panel.getByTestId(TID.cellEditor).press('Escape')
    await expect(cell(page, 1, 1)).not.toHaveText('not kept')

    // A rating (REAL) is checked: text is refused with the reason and nothing is staged.
    await cell(page, 2, 7).dblclick()
    await panel.getByTestId(TID.cellEditor).fill('very good')
    await panel.getByTestId(TID.cellEditor).press('Enter')
    await expect(panel.getByTestId(TID.cellEditorError)).toContainText('Not a number')
    await panel.getByTestId(TID.cellEditor).fill('4.25')
    await panel.getByTestId(TID.cellEditor).press('Enter')
    await expect(cell(page, 2, 7)).toHaveText('4.25')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('2 changes')

    // Delete row 3 from the context menu: struck through, still there until applied.
    await cell(page, 3, 2).click({ button: 'right' })
    await page.getByTestId(TID.gridMenu).locator('[data-format="delete-rows"]').click()
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(1)
    // Add a row: it follows the rows read, marked new, its unset columns left to the server.
    await cell(page, 0, 0).click({ button: 'right' })
    await page.getByTestId(TID.gridMenu).locator('[data-format="add-row"]').click()
    const added = panel.locator('.qgrid-row[data-staged="new"]')
    await expect(added).toHaveCount(1)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')

    // Undo one step at a time (Ctrl+Z with the grid focused), redo with Ctrl+Shift+Z and Ctrl+Y.
    await panel.getByTestId(TID.gridScroller).focus()
    await page.keyboard.press('ControlOrMeta+z')
    await expect(added).toHaveCount(0)
    await page.keyboard.press('ControlOrMeta+z')
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(0)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('2 changes')
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('3 changes')
    await page.keyboard.press('ControlOrMeta+y')
    await expect(added).toHaveCount(1)
    await page.keyboard.press('ControlOrMeta+Home')
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(1)

    // Sort on the server by name, descending: the rows are read again, the edits follow their keys.
    const editedId = await cell(page, 0, 0).textContent()
    const header = panel.locator(`[data-testid="${TID.gridHeader}"][data-col="1"]`)
    await header.click()
    await header.click()
    await expect(panel.getByTestId(TID.generatedSql)).toContainText('ORDER BY')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
    const edited = rowOf(page, editedId!)
    await expect(edited.locator('[data-col="1"]')).toHaveText('Edited supplier')
    await expect(edited.locator('[data-col="1"]')).toHaveAttribute('data-changed', 'true')
    // Filter on the server: the deleted row (the 4th read, id 4) and the edited one still carry their marks.
    await panel.getByTestId(TID.tableFilterWhere).fill(`id IN (4, ${editedId})`)
    await panel.getByTestId(TID.tableFilterApply).click()
    await expect(panel.getByTestId(TID.generatedSql)).toContainText('WHERE')
    await expect(rowOf(page, '4')).toHaveAttribute('data-staged', 'deleted')
    await expect(rowOf(page, editedId!).locator('[data-col="1"]')).toHaveText('Edited supplier')
    await expect(added).toHaveCount(1)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
  })

  test('closing a tab with staged edits asks; Cancel keeps the tab and its edits', async ({ app: page }) => {
    await openTable(page, 'categories')
    await editCell(page, 0, 2, 'Renamed')
    const tab = page.locator(`[data-testid="${TID.tab}"][data-title="categories"]`)
    await tab.getByRole('button', { name: 'Close categories' }).click()
    const dialog = page.getByTestId(TID.stagedEditsDialog)
    await expect(dialog).toContainText('1 change not applied')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(tab).toBeVisible()
    await expect(cell(page, 0, 2)).toHaveText('Renamed')
    await tab.getByRole('button', { name: 'Close categories' }).click()
    await page.getByTestId(TID.stagedEditsDiscard).click()
    await expect(tab).toHaveCount(0)
  })
})
