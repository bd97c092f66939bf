import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const SHOTS = process.env['QUARRY_SHOTS_DIR']

/** Clicks Download and reads the workbook the browser saved. */
async function downloadBook(page: Page, panel: ReturnType<typeof activePanel>) {
  const started = page.waitForEvent('download')
  await panel.getByTestId(TID.exportStart).click()
  const file = await started
  const path = await file.path()
  await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  return { name: file.suggestedFilename(), book }
}

const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(1)
    .map((row) => (row as unknown[]).slice(1))

test('a result as an XLSX download: typed cells, exact int64 and binary as text', async ({ app: page }) => {
  await newQuery(page, 'SELECT id, trace_id, label, amount, checksum FROM events WHERE id <= 3 ORDER BY id')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await activePanel(page).getByTestId(TID.exportButton).click()
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await panel.getByTestId(TID.exportFormat).selectOption('xlsx')
  await expect(panel.getByTestId(TID.exportXlsxNote)).toContainText('written as text, digit for digit')
  await expect(panel.getByTestId(TID.exportDestination)).toHaveValue('download')
  const { name, book } = await downloadBook(page, panel)
  expect(name).toBe('result.xlsx')
  expect(book.worksheets.map((ws) => ws.name)).toEqual(['events'])

  const db = new Database(join(process.cwd(), 'resources/sample.db'), { readonly: true })
  const expected = db
    .prepare('SELECT id, trace_id, label, amount, hex(checksum) AS checksum FROM events WHERE id <= 3 ORDER BY id')
    .safeIntegers(true)
    .all() as { id: bigint; trace_id: bigint; label: string | null; amount: number | null; checksum: string | null }[]
  db.close()
  const sheet = book.worksheets[0]!
  expect(sheet.getRow(1).values).toEqual([undefined, 'id', 'trace_id', 'label', 'amount', 'checksum'])
  expected.forEach((row, i) => {
    const cells = sheet.getRow(i + 2)
    expect(cells.getCell(1).value).toBe(Number(row.id))
    // int64 beyond 2^53 are text with every digit; the ones a double holds are numbers.
    const trace = row.trace_id
    const safe = trace <= BigInt(Number.MAX_SAFE_INTEGER) && trace >= -BigInt(Number.MAX_SAFE_INTEGER)
    expect(cells.getCell(2).value).toBe(safe ? Number(trace) : String(trace))
    expect(cells.getCell(3).value ?? null).toBe(row.label === '' ? null : row.label)
    expect(cells.getCell(4).value ?? null).toBe(row.amount === null ? null : Number(row.amount))
    expect(cells.getCell(5).value ?? null).toBe(row.checksum === null ? null : `\\x${row.checksum.toLowerCase()}`)
  })
  expect(expected.some((row) => row.trace_id > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true)
})

test('every result of a script as one XLSX workbook download, a sheet per result', async ({ app: page }) => {
  await newQuery(
    page,
    'SELECT id, event_type FROM events WHERE id <= 3 ORDER BY id;\n' +
      'SELECT count(*) AS n FROM events WHERE id <= 1000;\n' +
      "SELECT 'a,b' AS text, NULL AS missing",
  )
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await activePanel(page).getByTestId(TID.exportButton).click()
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await panel.getByTestId(TID.exportFormat).selectOption('xlsx')
  await expect(panel).toContainText('Every result (3 sheets)')
  await panel.getByTestId(TID.exportAllResults).check()
  await expect(panel.getByTestId(TID.exportDestination)).toBeEnabled()
  await expect(panel.getByTestId(TID.exportXlsxNote)).toContainText('One workbook, a sheet per result')
  if (SHOTS) {
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId(TID.themeSwitch).selectOption(theme)
      for (const [width, height] of [
        [1024, 700],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height })
        await expect(panel).toBeInViewport({ ratio: 1 })
        expect(await panel.evaluate((node) => node.scrollWidth - node.clientWidth)).toBeLessThanOrEqual(0)
        await page.screenshot({ path: `${SHOTS}/export-xlsx-all-${width}x${height}-${theme}.png` })
      }
    }
  }
  const { name, book } = await downloadBook(page, panel)
  await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-rows', '5')
  expect(name).toBe('results.xlsx')
  expect(book.worksheets.map((ws) => ws.name)).toEqual(['events', 'Result 2', 'Result 3'])
  const [first, second, third] = book.worksheets.map(rowsOf)
  expect(first!.map((row) => row[0])).toEqual(['id', 1, 2, 3])
  expect(second).toEqual([['n'], [1000]])
  expect(third).toEqual([['text', 'missing'], ['a,b']])

  // Another format writes a file per result: downloaded as one .zip of them.
  await panel.getByTestId(TID.exportFormat).selectOption('csv')
  await expect(panel).toContainText('Every result (3 files in one .zip)')
  await expect(panel.getByTestId(TID.exportDestination)).toBeEnabled()
  await expect(panel.getByTestId(TID.exportDestination)).toHaveValue('download')
})
