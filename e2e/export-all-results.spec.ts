import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { readZip } from '../test/helpers/read-zip'
import { activePanel, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

let dir: string
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-export-all-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the three-statement script and opens its export panel with "Every result" ticked. */
async function exportEveryResult(page: Page) {
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
  await expect(panel.getByTestId(TID.exportAllResults)).toBeVisible()
  await panel.getByTestId(TID.exportAllResults).check()
  return panel
}

/** The three results as CSV files, as the files of the export read back. */
const CSV_2 = 'n\r\n1000\r\n'
const CSV_3 = 'text,missing\r\n"a,b",\r\n'
const expectFirstCsv = (text: string) => {
  const lines = text.split('\r\n')
  expect(lines[0]).toBe('id,event_type')
  expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3'])
}

test('every result of a script as one .zip download: a file per result, in CSV and JSON', async ({ app: page }) => {
  const panel = await exportEveryResult(page)
  await expect(panel).toContainText('Every result (3 files in one .zip)')
  await expect(panel.getByTestId(TID.exportDestination)).toHaveValue('download')
  const download = async () => {
    const started = page.waitForEvent('download')
    await panel.getByTestId(TID.exportStart).click()
    const file = await started
    const bytes = readFileSync(await file.path())
    await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-rows', '5')
    return { name: file.suggestedFilename(), files: readZip(bytes) }
  }
  const csv = await download()
  expect(csv.name).toBe('results.zip')
  expect(csv.files.map((f) => f.name)).toEqual(['results-1.csv', 'results-2.csv', 'results-3.csv'])
  expectFirstCsv(csv.files[0]!.data.toString('utf8'))
  expect(csv.files[1]!.data.toString('utf8')).toBe(CSV_2)
  expect(csv.files[2]!.data.toString('utf8')).toBe(CSV_3)

  await panel.getByTestId(TID.exportFormat).selectOption('json')
  const json = await download()
  expect(json.files.map((f) => f.name)).toEqual(['results-1.json', 'results-2.json', 'results-3.json'])
  const parsed = json.files.map((f) => JSON.parse(f.data.toString('utf8')) as Array<Record<string, unknown>>)
  expect(parsed[0]!.map((row) => Number(row['id']))).toEqual([1, 2, 3])
  expect(parsed[1]).toEqual([{ n: 1000 }])
  expect(parsed[2]).toEqual([{ text: 'a,b', missing: null }])
})

test('every result saved on the server as one .zip at a typed path', async ({ app: page }) => {
  const panel = await exportEveryResult(page)
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await expect(panel.getByTestId(TID.exportBundle)).toHaveValue('zip')
  await panel.getByTestId(TID.exportPath).fill(join(dir, 'script.zip'))
  await panel.getByTestId(TID.exportStart).click()
  await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  expect(readdirSync(dir)).toEqual(['script.zip'])
  const files = readZip(readFileSync(join(dir, 'script.zip')))
  expect(files.map((f) => f.name)).toEqual(['script-1.csv', 'script-2.csv', 'script-3.csv'])
  expectFirstCsv(files[0]!.data.toString('utf8'))
  expect(files[1]!.data.toString('utf8')).toBe(CSV_2)
  expect(files[2]!.data.toString('utf8')).toBe(CSV_3)
})

test('export every result of a script, one CSV file per result', async ({ app: page }) => {
  const panel = await exportEveryResult(page)
  await expect(panel).toContainText('Every result (3 files in one .zip)')
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await panel.getByTestId(TID.exportBundle).selectOption('files')
  await expect(panel).toContainText('Every result (3 files)')
  await panel.getByTestId(TID.exportPath).fill(join(dir, 'script.csv'))
  await panel.getByTestId(TID.exportStart).click()
  const exportStatus = panel.getByTestId(TID.exportStatus)
  await expect(exportStatus).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(exportStatus).toContainText('to 3 files')
  await expect(exportStatus).toHaveAttribute('data-rows', '5')

  expect(readdirSync(dir).sort()).toEqual(['script-1.csv', 'script-2.csv', 'script-3.csv'])
  const first = readFileSync(join(dir, 'script-1.csv'), 'utf8').split('\r\n')
  expect(first[0]).toBe('id,event_type')
  expect(first.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3'])
  expect(readFileSync(join(dir, 'script-2.csv'), 'utf8')).toBe('n\r\n1000\r\n')
  expect(readFileSync(join(dir, 'script-3.csv'), 'utf8')).toBe('text,missing\r\n"a,b",\r\n')
})
