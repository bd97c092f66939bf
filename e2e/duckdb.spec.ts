import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status, treeNode } from './fixtures/actions'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/browser-mode'
import { expand, queryOn } from './fixtures/connections'

const ROWS = 500

test.describe('DuckDB', () => {
  let dir: string
  let csv: string

  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-duckdb-'))
    csv = join(dir, 'measurements.csv')
    const lines = ['id,city,celsius']
    for (let i = 1; i <= ROWS; i++) lines.push(`${i},${i % 2 ? 'Oslo' : '"Rio, BR"'},${(i / 4).toFixed(2)}`)
    writeFileSync(csv, `${lines.join('\n')}\n`)
  })
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('open a CSV file as a DuckDB connection: its table in the tree, its rows, a query on it', async ({
    app: page,
  }) => {
    await page.getByTestId(TID.newConnection).click()
    const dialog = page.getByTestId(TID.connectionDialog)
    await dialog.getByTestId(TID.connectionEngine).selectOption('duckdb')
    await dialog.getByTestId(TID.connectionFile).fill(csv)
    await dialog.getByTestId(TID.connectionName).fill('e2e duckdb')
    await dialog.getByTestId(TID.connectionTest).click()
    const result = dialog.getByTestId(TID.connectionTestResult)
    await expect(result).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
    await expect(result).toContainText(/\d+\.\d+/)
    await dialog.getByTestId(TID.connectionSave).click()
    await expect(dialog).toBeHidden()

    await expand(page, 'connection', 'e2e duckdb')
    await expand(page, 'database', 'memory')
    await expand(page, 'schema', 'main')
    const table = treeNode(page, 'table', 'measurements')
    await expect(table).toBeVisible()

    // The file's rows, as DuckDB read them (the quoted comma stays inside its field).
    await table.click()
    await expect(activePanel(page).getByTestId(TID.dataView)).toBeVisible()
    await expect(cell(page, 0, 0)).toHaveText('1')
    await expect(cell(page, 1, 1)).toHaveText('Rio, BR')

    await queryOn(
      page,
      'e2e duckdb',
      'SELECT city, count(*) AS n, max(celsius) AS hottest FROM measurements GROUP BY city ORDER BY city',
    )
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
    await expect(cell(page, 0, 0)).toHaveText('Oslo')
    await expect(cell(page, 0, 1)).toHaveText(String(ROWS / 2))
    await expect(cell(page, 1, 0)).toHaveText('Rio, BR')
    await expect(cell(page, 1, 2)).toHaveText('125.0')
  })

  test('browser mode: the File field has no Browse… and says to type the path', async ({ app: page }) => {
    await page.getByTestId(TID.newConnection).click()
    const dialog = page.getByTestId(TID.connectionDialog)
    await dialog.getByTestId(TID.connectionEngine).selectOption('duckdb')
    await expect(dialog.getByTestId(TID.connectionFileNote)).toContainText('Browser mode has no file picker')
    await expect(dialog.getByTestId(TID.connectionFileBrowse)).toHaveCount(0)
    await expect(dialog.getByTestId(TID.connectionFile)).toBeEditable()
  })

  test('browser mode: a file dropped on the window says to type its path, and the page stays', async ({
    app: page,
  }) => {
    const before = page.url()
    const connections = await treeNodes(page, 'connection')
    const prevented = await dropFile(page, `[data-testid="${TID.tree}"]`)
    // Both taken by the page: the browser neither shows the file nor navigates to it.
    expect(prevented).toEqual({ dragover: true, drop: true })
    const notice = page.getByTestId(TID.fileDropNotice)
    await expect(notice).toContainText('Browser mode cannot open a dropped file')
    await expect(notice).toContainText('type the file’s path')
    expect(page.url()).toBe(before)
    expect(await treeNodes(page, 'connection')).toEqual(connections)
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await expect(notice).toBeHidden()

    // Dropped on the editor: the same message, and the file's text is not pasted into the query.
    await newQuery(page, 'SELECT 1')
    const editor = activePanel(page).getByTestId(TID.editor).locator('.cm-content')
    expect(await dropFile(page, `section.tab-panel:not([hidden]) [data-testid="${TID.editor}"] .cm-content`)).toEqual({
      dragover: true,
      drop: true,
    })
    await expect(notice).toContainText('type the file’s path')
    await expect(editor).toHaveText('SELECT 1')
  })
})

/** The names of the tree's nodes of one kind, in order. */
const treeNodes = (page: Page, kind: string): Promise<string[]> =>
  page
    .getByTestId(TID.treeNode)
    .and(page.locator(`[data-kind="${kind}"]`))
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-name') ?? ''))

/** Drops a small CSV on the element `selector` finds, as a drag from the file manager delivers it (a File, no path). */
const dropFile = (page: Page, selector: string): Promise<{ dragover: boolean; drop: boolean }> =>
  page.evaluate((selector) => {
    type Target = { dispatchEvent(event: unknown): boolean }
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } }
      DragEvent: new (type: string, init: object) => unknown
      document: { querySelector(selector: string): Target | null }
    }
    const data = new g.DataTransfer()
    data.items.add(new File(['id,city\n1,Oslo\n'], 'measurements.csv', { type: 'text/csv' }))
    const target = g.document.querySelector(selector)
    if (!target) throw new Error(`nothing to drop on: ${selector}`)
    // true: the page took the event (preventDefault), so the browser neither opens nor navigates to the file.
    const fire = (type: string): boolean =>
      !target.dispatchEvent(new g.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    return { dragover: fire('dragover'), drop: fire('drop') }
  }, selector)
