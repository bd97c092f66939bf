import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)
const columnValues = async (page: Page, col: number, rows: number) => {
  const values: string[] = []
  for (let row = 0; row < rows; row++) values.push((await cell(page, row, col).textContent()) ?? '')
  return values
}

test('a column header filters the loaded rows by its values, with counts; shown in the header and the status', async ({
  app: page,
}) => {
  await newQuery(
    page,
    "SELECT * FROM (VALUES ('open', 1), ('closed', 2), ('open', 3), (NULL, 4), ('pending', 5), ('open', 6))",
  )
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await header(page, 0).getByTestId(TID.gridColumnFilterButton).click()
  const popup = page.getByTestId(TID.gridColumnFilter)
  const values = popup.getByTestId(TID.gridColumnFilterValue)
  const box = (value: string) =>
    popup.locator(`[data-testid="${TID.gridColumnFilterValue}"][data-value="${value}"] input`)
  // Most frequent first, NULL last among equal counts, each with its count.
  await expect(values).toHaveText(['open3', 'closed1', 'pending1', 'NULL1'])
  await box('closed').uncheck()
  await box('pending').uncheck()
  await popup.getByTestId(TID.gridColumnFilterApply).click()
  await expect(popup).toHaveCount(0)
  await expect.poll(() => columnValues(page, 1, 4)).toEqual(['1', '3', '4', '6'])
  await expect(header(page, 0)).toHaveAttribute('data-filtered', 'true')
  const viewStatus = activePanel(page).getByTestId(TID.gridViewStatus)
  await expect(viewStatus).toContainText('4 of 6 rows')
  await expect(viewStatus).toContainText('column1 in 2 values')
  // A second column's filter narrows further; the popup remembers what is ticked.
  await header(page, 1).getByTestId(TID.gridColumnFilterButton).click()
  await popup.getByRole('button', { name: 'None' }).click()
  await box('6').check()
  await box('2').check()
  await popup.getByTestId(TID.gridColumnFilterApply).click()
  await expect(viewStatus).toContainText('1 of 6 rows')
  await expect.poll(() => columnValues(page, 1, 1)).toEqual(['6'])
  await header(page, 0).getByTestId(TID.gridColumnFilterButton).click()
  await expect(box('closed')).not.toBeChecked()
  await expect(box('open')).toBeChecked()
  await popup.getByTestId(TID.gridColumnFilterClear).click()
  await expect(header(page, 0)).not.toHaveAttribute('data-filtered', /.*/)
  await expect(viewStatus).toContainText('2 of 6 rows')
  // Clearing from the status strip removes every column filter.
  await activePanel(page).getByTestId(TID.gridClearColumnFilters).click()
  await expect(viewStatus).not.toContainText('of 6 rows')
  await expect.poll(() => columnValues(page, 1, 6)).toEqual(['1', '2', '3', '4', '5', '6'])
})
