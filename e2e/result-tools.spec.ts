import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const clipboard = (page: Page) => page.evaluate<string>('navigator.clipboard.readText()')

async function run(page: Page, sql: string): Promise<void> {
  await newQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
}

test('select a range with the mouse and keyboard and copy it as TSV, JSON and SQL', async ({ app: page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await run(
    page,
    "SELECT 1 AS a, 'x' AS b, NULL AS c UNION ALL SELECT 9007199254740993, 'tab\there', '' " +
      "UNION ALL SELECT 3, 'line1' || char(10) || 'line2', 'z'",
  )
  await cell(page, 0, 0).click()
  await cell(page, 2, 2).click({ modifiers: ['Shift'] })
  await expect(activePanel(page).locator(`[data-testid="${TID.gridCell}"][data-selected]`)).toHaveCount(9)
  await page.keyboard.press('ControlOrMeta+c')
  await expect.poll(() => clipboard(page)).toBe('1\tx\t\r\n9007199254740993\t"tab\there"\t""\r\n3\t"line1\nline2"\tz')

  // Keyboard: from the first cell, shift+arrows extend the range.
  await cell(page, 0, 1).click()
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowRight')
  await cell(page, 0, 1).click({ button: 'right' })
  const menu = page.getByTestId(TID.gridMenu)
  await menu.locator('[data-format="json"]').click()
  await expect.poll(() => clipboard(page)).toBe('[\n  {"b": "x", "c": null},\n  {"b": "tab\\there", "c": ""}\n]')

  // A whole column (Ctrl/Cmd+click on its header) as SQL INSERT statements.
  await activePanel(page)
    .getByTestId(TID.gridHeader)
    .nth(0)
    .click({ modifiers: ['ControlOrMeta'] })
  await cell(page, 1, 0).click({ button: 'right' })
  await menu.locator('[data-format="sql"]').click()
  await expect
    .poll(() => clipboard(page))
    .toBe(
      'INSERT INTO my_table ("a") VALUES (1);\nINSERT INTO my_table ("a") VALUES (9007199254740993);\nINSERT INTO my_table ("a") VALUES (3);',
    )

  // Whole rows from the row header, then Ctrl+A.
  await activePanel(page).getByTestId(TID.gridRowHeader).nth(1).click()
  await page.keyboard.press('ControlOrMeta+Shift+c')
  await expect.poll(() => clipboard(page)).toBe('a\tb\tc\r\n9007199254740993\t"tab\there"\t""')
  await page.keyboard.press('ControlOrMeta+a')
  await expect(activePanel(page).locator(`[data-testid="${TID.gridCell}"][data-selected]`)).toHaveCount(9)
})

test('sort and filter 1,000,000 loaded rows in the grid', async ({ app: page }) => {
  await run(
    page,
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000000) ' +
      "SELECT x, x % 7 AS m, 'name ' || x AS name FROM c",
  )
  await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', '1000000')
  const header = (i: number) => activePanel(page).getByTestId(TID.gridHeader).nth(i)
  const viewStatus = activePanel(page).getByTestId(TID.gridViewStatus)

  await header(1).click()
  await expect(viewStatus).toContainText('sorted by m ↑', { timeout: 60_000 })
  await expect(cell(page, 0, 1)).toHaveText('0')
  await header(1).click()
  await expect(viewStatus).toContainText('sorted by m ↓', { timeout: 60_000 })
  await expect(cell(page, 0, 1)).toHaveText('6')
  // Ties keep the order the rows came in: the first x with x % 7 = 6.
  await expect(cell(page, 0, 0)).toHaveText('6')
  const sorted = await viewStatus.textContent()

  await activePanel(page).getByTestId(TID.gridFilter).fill('name 99999')
  await expect(viewStatus).toContainText('11 of 1,000,000 rows', { timeout: 60_000 })
  const filtered = await viewStatus.textContent()
  // 99999 and 999990..999999, still sorted by m descending: 999991 is the one with m = 6.
  await expect(cell(page, 0, 0)).toHaveText('999991')
  await expect(cell(page, 0, 1)).toHaveText('6')

  await header(1).click()
  await activePanel(page).getByTestId(TID.gridFilter).fill('')
  await expect(viewStatus).toHaveText('', { timeout: 60_000 })
  await expect(cell(page, 0, 0)).toHaveText('1')
  console.log(`[measure] grid view on 1,000,000 rows: ${sorted} | ${filtered}`)
})

test('table Data view filters and sorts on the server, showing the SQL', async ({ app: page }) => {
  await expandSampleSchema(page)
  await treeNode(page, 'table', 'customers').click()
  const panel = activePanel(page)
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await panel.getByTestId(TID.tableFilterWhere).fill('id <= 5')
  await panel.getByTestId(TID.tableFilterAdd).click()
  await panel.getByTestId(TID.tableFilterCondition).locator('input').fill('2')
  await panel.getByTestId(TID.tableFilterCondition).locator('select').nth(1).selectOption('>=')
  await panel.getByTestId(TID.tableFilterApply).click()
  // Built in main: the condition's value travels as a bind parameter, shown beside the SQL.
  await expect(panel.getByTestId(TID.generatedSql)).toHaveText(
    `SELECT * FROM "main"."customers" WHERE (id <= 5) AND "id" >= ? ORDER BY "id" ASC LIMIT 300`,
  )
  await expect(panel.getByTestId(TID.generatedParams)).toHaveText(`#1 = '2'`)
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(panel.getByTestId(TID.statusRows)).toHaveAttribute('data-count', '4')
  await panel.getByTestId(TID.gridHeader).nth(0).click()
  await panel.getByTestId(TID.gridHeader).nth(0).click()
  await expect(panel.getByTestId(TID.generatedSql)).toContainText('ORDER BY "id" DESC')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await expect(cell(page, 0, 0)).toHaveText('5')
  await expect(cell(page, 3, 0)).toHaveText('2')
})

test('the cell viewer folds JSON and shows binary as a hex dump and UTF-8', async ({ app: page }) => {
  await run(page, `SELECT '{"a": [1, 2], "big": 9007199254740993}' AS j, X'48656c6c6f' AS b, X'ff00' AS c`)
  await cell(page, 0, 0).dblclick()
  const viewer = activePanel(page).getByTestId(TID.cellViewer)
  const tree = viewer.getByTestId('cell-viewer-json-tree')
  await expect(tree).toContainText('big: 9007199254740993')
  await tree.locator('summary').nth(1).click() // fold "a"
  await expect(tree.locator('details').nth(1)).not.toHaveAttribute('open')
  await viewer.locator(`[data-testid="${TID.cellViewerMode}"][data-mode="text"]`).click()
  await expect(viewer.locator('pre')).toContainText('"big": 9007199254740993')
  await page.keyboard.press('Escape')

  await cell(page, 0, 1).dblclick()
  await expect(viewer.locator('pre')).toContainText('00000000  48 65 6c 6c 6f')
  await expect(viewer.locator('pre')).toContainText('Hello')
  await viewer.locator(`[data-testid="${TID.cellViewerMode}"][data-mode="utf8"]`).click()
  await expect(viewer.locator('pre')).toHaveText('Hello')
  await page.keyboard.press('Escape')
  await cell(page, 0, 2).dblclick()
  await expect(viewer.locator('pre')).toContainText('ff 00')
  await expect(viewer.locator(`[data-testid="${TID.cellViewerMode}"]`)).toHaveCount(0)
})
