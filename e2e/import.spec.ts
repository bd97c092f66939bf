import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand } from './fixtures/connections'

/** Review shots go to /work/notes/shots/importui when that folder's parent exists; the README's one with QUARRY_README_SHOTS=1. */
const NOTES_SHOTS = '/work/notes/shots/importui'
const README_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots')

/**
 * 12 rows of mixed kinds: integers, decimals, dates written day first, booleans in two spellings,
 * NULLs (empty and the word), and one bad row (31 February).
 */
const CSV = [
  'id,name,amount,day,active,note',
  '1,Ada,12.50,31/01/2024,true,first',
  '2,Grace,-3.25,29/02/2024,false,',
  '3,Linus,100.00,15/03/2024,yes,NULL',
  '4,Edsger,0.10,01/04/2024,no,"with, comma"',
  '5,Barbara,7.00,30/04/2024,true,',
  '6,Ken,8.75,13/05/2024,false,x',
  '7,Bad,9.99,31/02/2024,true,bad date',
  '8,Dennis,1.00,20/06/2024,true,',
  '9,Margaret,2.50,21/07/2024,false,y',
  '10,John,3.00,22/08/2024,true,',
  '11,Frances,4.25,23/09/2024,no,z',
  '12,Radia,5.50,24/12/2024,yes,last',
].join('\n')

/** What each engine shows for the first row (id, name, amount, day, active, note) in its grid. */
interface EngineCase {
  label: string
  /** Opens the tree down to the node the import is started on (a schema), and returns it. */
  open: (page: Page) => Promise<Locator>
  firstRow: string[]
  /** Row 2 (Linus): its note is NULL. */
  thirdRow: string[]
}

const menuItem = (page: Page, id: string) => page.getByTestId(TID.contextMenu).locator(`[data-item="${id}"]`)
const dialog = (page: Page) => page.getByTestId(TID.importDialog)
const columnRow = (page: Page, name: string) => dialog(page).locator(`tr[data-column="${name}"]`)

let dir: string
let csvFile: string
let xlsxFile: string

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-import-'))
  csvFile = join(dir, 'people.csv')
  writeFileSync(csvFile, CSV)
  xlsxFile = join(dir, 'more people.xlsx')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('People')
  sheet.addRow(['id', 'name', 'amount', 'day', 'active', 'note'])
  sheet.addRow([13, 'Hedy', 6.25, new Date(Date.UTC(2025, 0, 2)), true, 'from xlsx'])
  sheet.addRow([14, 'Annie', 0.5, new Date(Date.UTC(2025, 5, 30)), false, null])
  sheet.getColumn(4).numFmt = 'yyyy-mm-dd'
  await book.xlsx.writeFile(xlsxFile)
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function shots(page: Page, name: string): Promise<void> {
  try {
    mkdirSync(NOTES_SHOTS, { recursive: true })
  } catch {
    return
  }
  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const theme of ['light', 'dark'] as const) {
      // The theme switch is behind the modal: set it as the app does, on <html>.
      await page.locator('html').evaluate((html, t) => html.setAttribute('data-theme', t), theme)
      await page.screenshot({
        path: join(NOTES_SHOTS, `${name}-${width}x${height}-${theme}.png`),
        animations: 'disabled',
      })
      if (process.env['QUARRY_README_SHOTS'] === '1' && name === 'analysed' && width === 1440 && theme === 'light')
        await page.screenshot({ path: join(README_DIR, 'import.png'), animations: 'disabled' })
    }
  }
  await page.locator('html').evaluate((html) => html.setAttribute('data-theme', 'light'))
  await page.setViewportSize({ width: 1280, height: 800 })
}

/**
 * The user's import: right-click the schema → Import data…, upload the CSV, Analyse (kinds, the
 * day-first date format, the bad date as a problem), Dry run (nothing kept: the real run creates the
 * same table), Import with "skip" (11 written, 1 rejected, the rejects file downloaded), Open table.
 */
async function importCsv(page: Page, engine: EngineCase, table: string, shoot = false): Promise<void> {
  const schema = await engine.open(page)
  await schema.click({ button: 'right' })
  await menuItem(page, 'import-data').click()
  await expect(dialog(page)).toBeVisible()
  await dialog(page).getByTestId(TID.importFile).setInputFiles(csvFile)
  await expect(dialog(page).getByTestId(TID.importAnalyse)).toBeEnabled()
  await dialog(page).getByTestId(TID.importAnalyse).click()
  await expect(dialog(page).getByTestId(TID.importSummary)).toHaveAttribute('data-rows', '12', { timeout: 30_000 })
  const kinds = await dialog(page)
    .locator('tbody select[aria-label^="Kind of"]')
    .evaluateAll((all) => all.map((s) => (s as unknown as { value: string }).value))
  expect(kinds).toEqual(['smallint', 'text', 'decimal', 'date', 'boolean', 'text'])
  await expect(columnRow(page, 'day').locator('select[aria-label="Format of day"]')).toHaveValue('DD/MM/YYYY')
  await expect(columnRow(page, 'day').locator('[data-problems]')).toHaveAttribute('data-problems', '1')
  await expect(columnRow(page, 'day')).toContainText('row 7: "31/02/2024"')
  await expect(columnRow(page, 'note').locator('td').nth(3)).toHaveText('5')
  await expect(dialog(page).getByTestId(TID.importTable)).toHaveValue('people')
  if (shoot) await shots(page, 'analysed')
  // A name of this run's own: the sample database outlives the run.
  await dialog(page).getByTestId(TID.importTable).fill(table)

  await dialog(page).getByTestId(TID.importDryRun).click()
  const result = dialog(page).getByTestId(TID.importResult)
  await expect(result).toHaveAttribute('data-dry-run', 'true', { timeout: 30_000 })
  await expect(result).toHaveAttribute('data-written', '11')
  await expect(result).toHaveAttribute('data-rejected', '1')
  await expect(result).toContainText('rolled back')

  await expect(dialog(page).getByTestId(TID.importOnError)).toHaveValue('skip')
  await dialog(page).getByTestId(TID.importRun).click()
  await expect(result).toHaveAttribute('data-dry-run', 'false', { timeout: 30_000 })
  await expect(result).toHaveAttribute('data-written', '11')
  await expect(result).toHaveAttribute('data-rejected', '1')
  if (shoot) await shots(page, 'imported')
  const download = page.waitForEvent('download')
  await dialog(page).getByTestId(TID.importRejects).click()
  const rejects = readFileSync(await (await download).path(), 'utf8')
  expect(rejects.split('\r\n')[0]).toBe('id,name,amount,day,active,note,_row,_reason')
  expect(rejects).toContain('7,Bad,9.99,31/02/2024,true,bad date,7,')

  await dialog(page).getByTestId(TID.importOpenTable).click()
  await expect(dialog(page)).toBeHidden()
  await expect(treeNode(page, 'table', table)).toBeVisible()
  await expect(activePanel(page).getByTestId(TID.dataView)).toBeVisible()
  for (let c = 0; c < 6; c++) await expect(cell(page, 0, c)).toHaveText(engine.firstRow[c]!)
  for (let c = 0; c < 6; c++) await expect(cell(page, 2, c)).toHaveText(engine.thirdRow[c]!)
  await expect(cell(page, 10, 1)).toHaveText('Radia')
}

test('import a CSV into a new table of the SQLite sample, then an XLSX into that table', async ({ app: page }) => {
  test.setTimeout(120_000)
  const table = `people_${Date.now().toString(36)}`
  await importCsv(
    page,
    {
      label: 'sqlite',
      open: async (p) => {
        await expandSampleSchema(p)
        return treeNode(p, 'schema', 'main')
      },
      firstRow: ['1', 'Ada', '12.5', '2024-01-31', '1', 'first'],
      thirdRow: ['3', 'Linus', '100', '2024-03-15', '1', 'NULL'],
    },
    table,
    true,
  )
  // Into the existing table: the workbook's columns map by name.
  await treeNode(page, 'table', table).click({ button: 'right' })
  await menuItem(page, 'import-data').click()
  await dialog(page).getByTestId(TID.importFile).setInputFiles(xlsxFile)
  await expect(dialog(page).getByTestId(TID.importFormat)).toHaveValue('xlsx')
  await dialog(page).getByTestId(TID.importAnalyse).click()
  await expect(dialog(page).getByTestId(TID.importSummary)).toHaveAttribute('data-rows', '2', { timeout: 30_000 })
  await expect(columnRow(page, 'day').locator('select[aria-label="Target of day"]')).toHaveValue('day')
  await dialog(page).getByTestId(TID.importRun).click()
  const result = dialog(page).getByTestId(TID.importResult)
  await expect(result).toHaveAttribute('data-written', '2', { timeout: 30_000 })
  await expect(result).toHaveAttribute('data-rejected', '0')
  await dialog(page).getByTestId(TID.importOpenTable).click()
  // The table's tab was open already: Open table reads its rows again.
  await expect(cell(page, 11, 1)).toHaveText('Hedy')
  await expect(cell(page, 11, 3)).toHaveText('2025-01-02')
  await expect(cell(page, 12, 5)).toHaveText('NULL')
  // A CSV dropped on the schema's row opens the dialog with it (browser mode uploads it).
  // (Built in the page: a DataTransfer holding a File, as the browser hands one to a drop.)
  const dropped = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer()
    transfer.items.add(new File(['id,name\\n1,a\\n'], 'Dropped File.csv', { type: 'text/csv' }))
    return transfer
  })()`)
  await treeNode(page, 'schema', 'main').dispatchEvent('drop', { dataTransfer: dropped })
  await expect(dialog(page)).toBeVisible()
  await expect(dialog(page)).toContainText('Dropped File.csv')
  await expect(dialog(page).getByTestId(TID.importAnalyse)).toBeEnabled()
  await dialog(page).getByTestId(TID.importAnalyse).click()
  await expect(dialog(page).getByTestId(TID.importSummary)).toHaveAttribute('data-rows', '1')
  await expect(dialog(page).getByTestId(TID.importTable)).toHaveValue('dropped_file')
  await dialog(page).getByTestId(TID.importClose).click()
  await expect(dialog(page)).toBeHidden()

  // The sample database is shared by every run: the table goes again.
  await treeNode(page, 'table', table).click({ button: 'right' })
  await menuItem(page, 'drop').click()
  await page.getByTestId(TID.treeAskConfirm).click()
  await expect(treeNode(page, 'table', table)).toHaveCount(0)
})

const postgresUrl = process.env['QUARRY_E2E_POSTGRES_URL']
const mysqlUrl = process.env['QUARRY_E2E_MYSQL_URL']

test('import a CSV on PostgreSQL', async ({ app: page }) => {
  test.skip(!postgresUrl, process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run')
  test.setTimeout(120_000)
  await addConnection(page, postgresUrl!, 'import postgres', /PostgreSQL \d+/)
  await importCsv(
    page,
    {
      label: 'postgres',
      open: async (p) => {
        await expand(p, 'connection', 'import postgres')
        await expand(p, 'database', 'quarry_e2e')
        return treeNode(p, 'schema', 'public')
      },
      firstRow: ['1', 'Ada', '12.50', '2024-01-31', 'true', 'first'],
      thirdRow: ['3', 'Linus', '100.00', '2024-03-15', 'true', 'NULL'],
    },
    'people',
  )
})

test('import a CSV on MariaDB', async ({ app: page }) => {
  test.skip(!mysqlUrl, process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run')
  test.setTimeout(120_000)
  await addConnection(page, mysqlUrl!, 'import mariadb', /MariaDB|\d+\.\d+/)
  await importCsv(
    page,
    {
      label: 'mariadb',
      open: async (p) => {
        await expand(p, 'connection', 'import mariadb')
        return treeNode(p, 'schema', 'quarry_e2e')
      },
      firstRow: ['1', 'Ada', '12.50', '2024-01-31', '1', 'first'],
      thirdRow: ['3', 'Linus', '100.00', '2024-03-15', '1', 'NULL'],
    },
    'people',
  )
})

test('import a CSV on DuckDB', async ({ app: page }) => {
  test.setTimeout(120_000)
  await page.getByTestId(TID.newConnection).click()
  const form = page.getByTestId(TID.connectionDialog)
  await form.getByTestId(TID.connectionEngine).selectOption('duckdb')
  await form.getByTestId(TID.connectionFile).fill(join(dir, 'shop.duckdb'))
  await form.getByTestId(TID.connectionName).fill('import duckdb')
  await form.getByTestId(TID.connectionSave).click()
  await expect(form).toBeHidden()
  await importCsv(
    page,
    {
      label: 'duckdb',
      open: async (p) => {
        await expand(p, 'connection', 'import duckdb')
        await expand(p, 'database', 'shop')
        return treeNode(p, 'schema', 'main')
      },
      firstRow: ['1', 'Ada', '12.50', '2024-01-31', 'true', 'first'],
      thirdRow: ['3', 'Linus', '100.00', '2024-03-15', 'true', 'NULL'],
    },
    'people',
  )
})
