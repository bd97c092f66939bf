import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, replaceQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const RECURSIVE = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c'

test('run a query that never ends, cancel it, then run another', async ({ app: page }) => {
  await newQuery(page, RECURSIVE)
  await activePanel(page).getByTestId(TID.runButton).click()
  await expect(status(page)).toHaveAttribute('data-status', 'running')
  await page.waitForTimeout(500)
  await expect(status(page)).toHaveAttribute('data-status', 'running')

  await activePanel(page).getByTestId(TID.cancelButton).click()
  await expect(status(page)).toHaveAttribute('data-status', 'cancelled', { timeout: 2_000 })
  await expect(status(page)).toContainText('Cancelled')

  await replaceQuery(page, "SELECT 42 AS answer, 'hello' AS greeting, NULL AS missing")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(cell(page, 0, 0)).toHaveText('42')
  await expect(cell(page, 0, 1)).toHaveText('hello')
  await expect(cell(page, 0, 2)).toHaveText('NULL')
})

test('Esc in the editor cancels the running query', async ({ app: page }) => {
  await newQuery(page, RECURSIVE)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'running')
  await page.keyboard.press('Escape')
  await expect(status(page)).toHaveAttribute('data-status', 'cancelled', { timeout: 2_000 })
})

test("bad SQL shows the engine's error and the app keeps working", async ({ app: page }) => {
  await newQuery(page, 'SELEC * FROM customers')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'error')
  const error = activePanel(page).getByTestId(TID.error)
  await expect(error).toContainText('syntax error')
  await expect(error).toContainText('SQLITE_ERROR')

  await replaceQuery(page, 'SELECT * FROM no_such_table')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(activePanel(page).getByTestId(TID.error)).toContainText('no such table: no_such_table')

  await replaceQuery(page, 'SELECT count(*) AS n FROM customers')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(activePanel(page).getByTestId(TID.error)).toBeHidden()
})
