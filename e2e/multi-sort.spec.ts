import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)
const firstColumn = async (page: Page, rows: number) => {
  const values: string[] = []
  for (let row = 0; row < rows; row++) values.push((await cell(page, row, 2).textContent()) ?? '')
  return values
}

test('sort the loaded rows by several columns: shift+click adds a key, headers show the order', async ({
  app: page,
}) => {
  await newQuery(
    page,
    "SELECT * FROM (VALUES ('b', 2, 'x'), ('a', 2, 'y'), ('b', 1, 'z'), ('a', NULL, 'w'), ('a', 1, 'v'), (NULL, 1, 'u'))",
  )
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await header(page, 0).click()
  await header(page, 1).click({ modifiers: ['Shift'] })
  await expect(header(page, 0)).toHaveAttribute('data-sort-order', '1')
  await expect(header(page, 1)).toHaveAttribute('data-sort-order', '2')
  await expect(header(page, 1)).toHaveAttribute('data-sort', 'asc')
  await expect.poll(() => firstColumn(page, 6)).toEqual(['v', 'y', 'w', 'z', 'x', 'u'])
  await expect(activePanel(page).getByTestId(TID.gridViewStatus)).toContainText('sorted by column1 ↑, column2 ↑')
  await header(page, 1).click({ modifiers: ['Shift'] })
  await expect(header(page, 1)).toHaveAttribute('data-sort', 'desc')
  await expect.poll(() => firstColumn(page, 6)).toEqual(['y', 'v', 'w', 'x', 'z', 'u'])
  // A plain click sorts by that column alone.
  await header(page, 2).click()
  await expect(header(page, 0)).not.toHaveAttribute('data-sort', /.*/)
  await expect(header(page, 2)).toHaveAttribute('data-sort-order', '1')
  await expect.poll(() => firstColumn(page, 6)).toEqual(['u', 'v', 'w', 'x', 'y', 'z'])
})
