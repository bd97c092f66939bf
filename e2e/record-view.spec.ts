import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { sampleRow } from './fixtures/sample-db'

const record = (page: Page) => activePanel(page).getByTestId(TID.recordView)
const field = (page: Page, col: number) =>
  record(page).locator(`[data-testid="${TID.recordViewField}"][data-col="${col}"] td`)

test('record view: one row transposed, exact values, Up/Down through the rows', async ({ app: page }) => {
  await newQuery(page, 'SELECT * FROM events WHERE id <= 6 ORDER BY id')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const truth = (id: number) => sampleRow('SELECT id, trace_id, label, checksum FROM events WHERE id = ?', id)

  // Shift+Enter on a cell opens its row.
  await cell(page, 1, 2).click()
  await page.keyboard.press('Shift+Enter')
  await expect(record(page)).toHaveAttribute('data-row', '1')
  await expect(record(page).getByTestId(TID.recordViewPosition)).toContainText('row 2 of 6')
  await expect(record(page).locator(`[data-testid="${TID.recordViewField}"]`)).toHaveCount(15)
  await expect(field(page, 0)).toHaveText('2')
  await expect(field(page, 1)).toHaveText(String(truth(2)['trace_id'])) // 64-bit, every digit

  // Down, Down, Up: rows 3, 4, 3; the grid's active row follows.
  for (const [key, id] of [
    ['ArrowDown', 3],
    ['ArrowDown', 4],
    ['ArrowUp', 3],
  ] as const) {
    await page.keyboard.press(key)
    await expect(field(page, 0)).toHaveText(String(id))
    await expect(field(page, 1)).toHaveText(String(truth(id)['trace_id']))
  }
  const checksum = truth(3)['checksum'] as Buffer
  await expect(field(page, 14)).toHaveText(`\\x${checksum.toString('hex')}`) // binary as the grid shows it
  // The first row's limit: Up stays at row 1.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp')
  await expect(record(page).getByTestId(TID.recordViewPosition)).toContainText('row 1 of 6')

  // Find a column by name in a wide row.
  await record(page).getByRole('searchbox').fill('trace')
  await expect(record(page).locator(`[data-testid="${TID.recordViewField}"]`)).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(record(page)).toHaveCount(0)

  // From the context menu.
  await cell(page, 5, 0).click({ button: 'right' })
  await activePanel(page).getByTestId(TID.gridMenu).locator('[data-format="record"]').click()
  await expect(record(page)).toHaveAttribute('data-row', '5')
  await expect(field(page, 0)).toHaveText('6')
  await expect(field(page, 1)).toHaveText(String(truth(6)['trace_id']))
})
