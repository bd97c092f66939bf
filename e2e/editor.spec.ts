import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const editorContent = (page: Page) => activePanel(page).getByTestId(TID.editor).locator('.cm-content')

test('completion offers the tables after FROM, then the columns of the table through its alias', async ({
  app: page,
}) => {
  await expandSampleSchema(page)
  await newQuery(page, '')
  await page.keyboard.type('SELECT * FROM ')
  const list = page.locator('.cm-tooltip-autocomplete')
  await expect(list).toBeVisible()
  await expect(list.locator('li', { hasText: /^customers/ })).toBeVisible()
  await expect(list.locator('li', { hasText: /^order_summaries/ })).toBeVisible()
  await list.locator('li', { hasText: /^customers/ }).click()
  await expect(editorContent(page)).toHaveText('SELECT * FROM customers')
  // Columns come lazily from the table's structure, through the alias.
  await page.keyboard.type(' c WHERE c.')
  await expect(list.locator('li', { hasText: /^first_name/ })).toBeVisible()
  await page.keyboard.type('fir')
  // The list refilters after CodeMirror's typing delay: Enter accepts once it shows the one match.
  await expect(list.locator('li')).toHaveCount(1)
  await expect(list.locator('li', { hasText: /^first_name/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(editorContent(page)).toHaveText('SELECT * FROM customers c WHERE c.first_name')
})

test('Ctrl+Enter runs the statement under the cursor; a two-statement script shows two result tabs', async ({
  app: page,
}) => {
  await newQuery(page, "SELECT 1 AS one;\nSELECT 'two' AS two, 2 AS n")
  // The cursor is at the end, in the second statement: only that one runs.
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(activePanel(page).getByTestId(TID.resultTab)).toHaveCount(0)
  await expect(cell(page, 0, 0)).toHaveText('two')
  // The whole script: one result tab per statement, and switching between them.
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  const tabs = activePanel(page).getByTestId(TID.resultTab)
  await expect(tabs).toHaveCount(2)
  await expect(cell(page, 0, 1)).toHaveText('2')
  await tabs.nth(0).click()
  await expect(cell(page, 0, 0)).toHaveText('1')
  await tabs.nth(1).click()
  await expect(cell(page, 0, 0)).toHaveText('two')
})

test('format, comment lines, and the shortcuts help', async ({ app: page }) => {
  await newQuery(page, 'select id,name from t where id=1')
  await page.keyboard.press('Shift+Alt+F')
  await expect(editorContent(page)).toHaveText(
    ['select', '  id,', '  name', 'from', '  t', 'where', '  id = 1'].join(''),
  )
  await expect(editorContent(page).locator('.cm-line')).toHaveCount(7)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('ControlOrMeta+/')
  await expect(editorContent(page).locator('.cm-line').first()).toHaveText('-- select')
  await page.keyboard.press('ControlOrMeta+/')
  await expect(editorContent(page).locator('.cm-line').first()).toHaveText('select')
  await page.keyboard.press('F1')
  const help = page.getByTestId(TID.helpPanel)
  await expect(help).toBeVisible()
  await expect(help).toContainText('Run the whole script')
  await expect(help).toContainText('Comment or uncomment')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
})

test('History records runs, finds them by a word, and re-runs one in a new editor', async ({ app: page }) => {
  const marker = `hist_${Date.now()}`
  await newQuery(page, `SELECT 42 AS ${marker}`)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await newQuery(page, `SELEC broken_${marker}`)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'error')

  await page.keyboard.press('ControlOrMeta+Shift+H')
  const panel = page.getByTestId(TID.historyPanel)
  await expect(panel).toBeVisible()
  await panel.getByTestId(TID.historySearch).fill(marker)
  const entries = panel.getByTestId(TID.historyEntry)
  await expect(entries).toHaveCount(2)
  await expect(entries.nth(0)).toHaveAttribute('data-outcome', 'error')
  await expect(entries.nth(0)).toContainText('syntax error')
  await expect(entries.nth(1)).toHaveAttribute('data-outcome', 'done')
  await expect(entries.nth(1)).toContainText(/1 row(?!s)/)

  const tabsBefore = await page.getByTestId(TID.tab).count()
  await entries.nth(1).getByTestId(TID.historyRun).click()
  await expect(page.getByTestId(TID.tab)).toHaveCount(tabsBefore + 1)
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(cell(page, 0, 0)).toHaveText('42')
  await expect(editorContent(page)).toHaveText(`SELECT 42 AS ${marker}`)
  // The re-run is in History too.
  await panel.getByTestId(TID.historySearch).fill(`42 ${marker}`)
  await expect(entries).toHaveCount(2)
})
