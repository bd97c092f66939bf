import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, replaceQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

test('a script runs statement by statement, each result in its own tab', async ({ app: page }) => {
  await newQuery(
    page,
    "CREATE TEMP TABLE scratch (n INTEGER, s TEXT);\nINSERT INTO scratch VALUES (1, 'a;b'), (2, NULL);\nSELECT * FROM scratch ORDER BY n;\nSELECT count(*) AS c FROM scratch",
  )
  // Ctrl+Shift+Enter runs the whole script (Ctrl+Enter: the statement under the cursor).
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const tabs = activePanel(page).getByTestId(TID.resultTab)
  await expect(tabs).toHaveCount(4)
  // The newest result shows first.
  await expect(cell(page, 0, 0)).toHaveText('2')
  await tabs.nth(2).click()
  await expect(cell(page, 0, 1)).toHaveText('a;b')
  await expect(cell(page, 1, 1)).toHaveText('NULL')
  await tabs.nth(1).click()
  // The statement's command tag, with the rows it changed (as psql prints it).
  await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('INSERT 2')
  await tabs.nth(0).click()
  await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('CREATE TABLE')
})

test('the failing statement of a script is marked in the editor, earlier ones kept', async ({ app: page }) => {
  await newQuery(page, 'SELECT 1 AS ok;\nSELEC 2;\nSELECT 3')
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'error')
  await expect(activePanel(page).getByTestId(TID.error)).toContainText('syntax error')
  await expect(activePanel(page).getByTestId(TID.resultTab)).toHaveCount(2)
  // The second statement starts at character 16 of the script; the editor marks the token SQLite names.
  await expect(activePanel(page).getByTestId(TID.editor)).toHaveAttribute('data-error-at', '16')
  await expect(activePanel(page).locator('.cm-lintRange-error')).toHaveText('SELEC')
  await replaceQuery(page, 'SELECT 3 AS fixed')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(activePanel(page).locator('.cm-lintRange-error')).toHaveCount(0)
})
