import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { readZip } from '../test/helpers/read-zip'
import { activePanel, cell, replaceQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand, queryOn } from './fixtures/connections'
import { seedToolsDuckdb, seedToolsMariadb, seedToolsPostgres } from './fixtures/seed-tools'

/** What differs between engines in the spec: how to reach the schema, how names are quoted, a long series. */
interface ToolsEngine {
  label: string
  /** Why the engine is not run (no server), or null. */
  skip: () => string | null
  seed: () => Promise<void>
  /** Adds the connection as a user does and expands the tree down to the schema holding the tables. */
  connect: (page: Page, name: string) => Promise<void>
  /** The table as the generated SQL names it (schema-qualified, quoted). */
  table: (name: string) => string
  quote: (name: string) => string
  /** The n-th bind placeholder in generated SQL. */
  placeholder: (n: number) => string
  /** A table name as a query typed in the connection's editor reaches it. */
  queryTable: (name: string) => string
  /** A statement returning `n` rows with a column `n`. */
  series: (n: number) => string
  /** Whether the engine says which table a result column comes from (then one-table results link keys). */
  origins: boolean
}

const pgUrl = process.env['QUARRY_E2E_POSTGRES_URL']
const myUrl = process.env['QUARRY_E2E_MYSQL_URL']
let duckDir = ''
const duckFile = () => join(duckDir, 'tools.duckdb')
const ansi = (name: string) => `"${name}"`

const ENGINES: ToolsEngine[] = [
  {
    label: 'PostgreSQL',
    skip: () => (pgUrl ? null : (process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run')),
    seed: () => seedToolsPostgres(pgUrl!),
    connect: async (page, name) => {
      await addConnection(page, pgUrl!, name, /PostgreSQL \d+/)
      await expand(page, 'connection', name)
      await expand(page, 'database', 'quarry_e2e')
      await expand(page, 'schema', 'tools')
    },
    table: (name) => `"tools"."${name}"`,
    quote: ansi,
    placeholder: (n) => `$${n}`,
    queryTable: (name) => `tools.${name}`,
    series: (n) => `SELECT g AS n FROM generate_series(1, ${n}) AS g`,
    origins: true,
  },
  {
    label: 'MariaDB',
    skip: () => (myUrl ? null : (process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run')),
    seed: () => seedToolsMariadb(myUrl!),
    connect: async (page, name) => {
      await addConnection(page, myUrl!, name, /MariaDB|\d+\.\d+/)
      await expand(page, 'connection', name)
      await expand(page, 'schema', 'quarry_e2e')
    },
    table: (name) => `\`quarry_e2e\`.\`${name}\``,
    quote: (name) => `\`${name}\``,
    placeholder: () => '?',
    queryTable: (name) => name,
    series: (n) => `SELECT seq AS n FROM seq_1_to_${n}`,
    origins: true,
  },
  {
    label: 'DuckDB',
    skip: () => null,
    seed: () => seedToolsDuckdb(duckFile()),
    connect: async (page, name) => {
      await page.getByTestId(TID.newConnection).click()
      const dialog = page.getByTestId(TID.connectionDialog)
      await dialog.getByTestId(TID.connectionEngine).selectOption('duckdb')
      await dialog.getByTestId(TID.connectionFile).fill(duckFile())
      await dialog.getByTestId(TID.connectionName).fill(name)
      await dialog.getByTestId(TID.connectionSave).click()
      await expect(dialog).toBeHidden()
      await expand(page, 'connection', name)
      await expand(page, 'database', 'tools')
      await expand(page, 'schema', 'main')
    },
    table: (name) => `"main"."${name}"`,
    quote: ansi,
    placeholder: () => '?',
    queryTable: (name) => name,
    series: (n) => `SELECT range + 1 AS n FROM range(${n})`,
    origins: false,
  },
]

const MAX = '9223372036854775807'
/** The largest batch main's adaptive plan asks a driver for: the most it may read past a limit. */
const LARGEST_BATCH = 5_000

const header = (page: Page, col: number) =>
  activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="${col}"]`)
const activeTab = (page: Page) => page.locator(`[data-testid="${TID.tab}"][aria-selected="true"]`)
const done = (page: Page) => expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
const sql = (page: Page) => activePanel(page).getByTestId(TID.generatedSql)
const params = (page: Page) => activePanel(page).getByTestId(TID.generatedParams)
const rowCount = (page: Page) => activePanel(page).getByTestId(TID.statusRows)
/** The texts of a column's first `rows` cells. */
const columnTexts = async (page: Page, col: number, rows: number): Promise<string[]> => {
  const texts: string[] = []
  for (let row = 0; row < rows; row++) texts.push((await cell(page, row, col).textContent()) ?? '')
  return texts
}

test.beforeAll(async () => {
  duckDir = mkdtempSync(join(tmpdir(), 'quarry-e2e-tools-'))
  for (const engine of ENGINES) if (!engine.skip()) await engine.seed()
})
test.afterAll(() => rmSync(duckDir, { recursive: true, force: true }))

for (const engine of ENGINES) {
  test(`${engine.label}: follow keys, Referenced by, sort and filter on the server and in a result, exact aggregates, record view, grid limit`, async ({
    app: page,
  }) => {
    const skip = engine.skip()
    if (skip) console.log(`[result-tools-engines.spec] ${engine.label} skipped: ${skip}`)
    test.skip(skip !== null, skip ?? '')
    const { quote: q, placeholder: p } = engine
    const name = `tools ${engine.label}`
    await engine.connect(page, name)

    // sales: columns id, account_id, country, region, qty, amount.
    await treeNode(page, 'table', 'sales').click()
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '5')

    // Multi-column sort in the Data view runs on the server: country ascending, then qty descending.
    await header(page, 2).click()
    await done(page)
    await header(page, 4).click({ modifiers: ['Shift'] })
    await done(page)
    await header(page, 4).click({ modifiers: ['Shift'] })
    // NULLs sort last ascending and first descending on every engine, then the key keeps pages stable.
    await expect(sql(page)).toHaveText(
      `SELECT * FROM ${engine.table('sales')} ORDER BY CASE WHEN ${q('country')} IS NULL THEN 1 ELSE 0 END, ${q('country')} ASC, ` +
        `CASE WHEN ${q('qty')} IS NULL THEN 0 ELSE 1 END, ${q('qty')} DESC, ${q('id')} ASC LIMIT 300`,
    )
    await expect(header(page, 2)).toHaveAttribute('data-sort-order', '1')
    await expect(header(page, 4)).toHaveAttribute('data-sort-order', '2')
    await expect(header(page, 4)).toHaveAttribute('data-sort', 'desc')
    await done(page)
    await expect.poll(() => columnTexts(page, 0, 5)).toEqual(['3', '1', '2', '4', '5'])

    // A server-side filter on a text column: its value is a bound parameter.
    const panel = activePanel(page)
    await panel.getByTestId(TID.tableFilterAdd).click()
    const condition = panel.getByTestId(TID.tableFilterCondition)
    await condition.locator('select').nth(0).selectOption('country')
    await condition.locator('select').nth(1).selectOption('=')
    await condition.locator('input').fill('NO')
    await panel.getByTestId(TID.tableFilterApply).click()
    await expect(sql(page)).toContainText(`SELECT * FROM ${engine.table('sales')} WHERE ${q('country')} = ${p(1)}`)
    await expect(params(page)).toHaveText(`#1 = 'NO'`)
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '4')
    await expect.poll(() => columnTexts(page, 0, 4)).toEqual(['1', '2', '4', '5'])

    // Ctrl/Cmd+click on a BIGINT key (int64's largest) opens accounts filtered on it, every digit bound.
    const account = cell(page, 0, 1)
    await expect(account).toHaveAttribute('data-link', 'true')
    await expect(account).toHaveText(MAX)
    await expect(cell(page, 0, 4)).not.toHaveAttribute('data-link', /.*/)
    await account.click({ modifiers: ['ControlOrMeta'] })
    await expect(activeTab(page)).toHaveAttribute('data-title', 'accounts')
    await expect(sql(page)).toContainText(`SELECT * FROM ${engine.table('accounts')} WHERE ${q('id')} = ${p(1)}`)
    await expect(params(page)).toHaveText(`#1 = '${MAX}'`)
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '1')
    await expect(cell(page, 0, 0)).toHaveText(MAX)
    await expect(cell(page, 0, 2)).toHaveText('Max')

    // Referenced by: sales, with the count of its rows that reference this account; opens them filtered.
    await cell(page, 0, 1).click({ button: 'right' })
    await page.getByTestId(TID.gridMenu).locator('[data-format="referenced-by"]').click()
    const referencing = page.getByTestId(TID.gridReferencedBy)
    const sales = referencing.locator('[data-target="sales"]')
    await expect(sales).toBeVisible({ timeout: 30_000 })
    await expect(referencing.locator('[data-target]')).toHaveCount(1)
    await expect(sales).toHaveAttribute('data-count', '2', { timeout: 30_000 })
    await sales.click()
    await expect(activeTab(page)).toHaveAttribute('data-title', 'sales')
    await expect(sql(page)).toContainText(`WHERE ${q('account_id')} = ${p(1)}`)
    await expect(params(page)).toHaveText(`#1 = '${MAX}'`)
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '2')

    // Keyboard: Ctrl/Cmd+Enter on a composite text key (country, region) opens regions on both columns.
    await expect(cell(page, 1, 0)).toHaveText('2')
    await cell(page, 1, 3).click()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(activeTab(page)).toHaveAttribute('data-title', 'regions')
    await expect(sql(page)).toContainText(`WHERE ${q('country')} = ${p(1)} AND ${q('code')} = ${p(2)}`)
    await expect(params(page)).toHaveText(`#1 = 'NO', #2 = 'BGO'`)
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '1')
    await expect(cell(page, 0, 2)).toHaveText('Bergen')

    // A query result of one table links its keys where the engine says where columns come from.
    if (engine.origins) {
      await queryOn(page, name, `SELECT id, account_id AS acct FROM ${engine.queryTable('sales')} ORDER BY id`)
      await page.keyboard.press('ControlOrMeta+Enter')
      await done(page)
      await expect(cell(page, 0, 1)).toHaveAttribute('data-link', 'true', { timeout: 30_000 })
      await expect(cell(page, 0, 0)).not.toHaveAttribute('data-link', /.*/)
      await expect(cell(page, 0, 1)).toHaveText(MAX)
      await cell(page, 0, 1).click({ modifiers: ['ControlOrMeta'] })
      await expect(activeTab(page)).toHaveAttribute('data-title', 'accounts')
      await expect(params(page)).toHaveText(`#1 = '${MAX}'`)
      await done(page)
      await expect(cell(page, 0, 2)).toHaveText('Max')
    }

    // A query result: sort on loaded rows by two columns, the order shown in the headers.
    await queryOn(page, name, `SELECT id, country, qty, amount FROM ${engine.queryTable('sales')} ORDER BY id`)
    await page.keyboard.press('ControlOrMeta+Enter')
    await done(page)
    await expect(rowCount(page)).toHaveAttribute('data-count', '5')
    await header(page, 1).click()
    await header(page, 3).click({ modifiers: ['Shift'] })
    await header(page, 3).click({ modifiers: ['Shift'] })
    await expect(header(page, 1)).toHaveAttribute('data-sort-order', '1')
    await expect(header(page, 3)).toHaveAttribute('data-sort-order', '2')
    await expect.poll(() => columnTexts(page, 0, 5)).toEqual(['3', '1', '5', '4', '2'])
    await expect(activePanel(page).getByTestId(TID.gridViewStatus)).toContainText('sorted by country ↑, amount ↓')

    // Quick filter on a column: its values with counts, most frequent first.
    await header(page, 1).getByTestId(TID.gridColumnFilterButton).click()
    const popup = page.getByTestId(TID.gridColumnFilter)
    await expect(popup.getByTestId(TID.gridColumnFilterValue)).toHaveText(['NO4', 'BR1'])
    await popup.locator(`[data-testid="${TID.gridColumnFilterValue}"][data-value="BR"] input`).uncheck()
    await popup.getByTestId(TID.gridColumnFilterApply).click()
    await expect(activePanel(page).getByTestId(TID.gridViewStatus)).toContainText('4 of 5 rows')
    await expect.poll(() => columnTexts(page, 0, 4)).toEqual(['1', '5', '4', '2'])
    await activePanel(page).getByTestId(TID.gridClearColumnFilters).click()
    await header(page, 0).click() // sorted by id alone: rows 1..5
    await expect.poll(() => columnTexts(page, 0, 5)).toEqual(['1', '2', '3', '4', '5'])

    // Aggregates of a selection, exact past int64 and for decimals.
    const bar = activePanel(page).getByTestId(TID.gridAggregates)
    await header(page, 2).click({ modifiers: ['ControlOrMeta'] })
    await expect(bar).toHaveAttribute('data-sum', '18446744073709551620')
    await expect(bar).toHaveAttribute('data-count', '5')
    await expect(bar).toHaveAttribute('data-distinct', '4')
    await expect(bar).toHaveAttribute('data-max', MAX)
    await expect(bar).toHaveAttribute('data-min', '1')
    await header(page, 3).click({ modifiers: ['ControlOrMeta'] })
    await expect(bar).toHaveAttribute('data-sum', /^12345678901234581\.50?$/)
    await expect(bar).toHaveAttribute('data-max', '12345678901234567.89')
    await expect(bar).toHaveAttribute('data-min', '0.01')

    // Record view: one row transposed, Up/Down through the rows.
    const record = activePanel(page).getByTestId(TID.recordView)
    const field = (col: number) => record.locator(`[data-testid="${TID.recordViewField}"][data-col="${col}"] td`)
    await cell(page, 0, 1).click()
    await page.keyboard.press('Shift+Enter')
    await expect(record.getByTestId(TID.recordViewPosition)).toContainText('row 1 of 5')
    await expect(field(2)).toHaveText(MAX)
    await expect(field(3)).toHaveText('12345678901234567.89')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(record.getByTestId(TID.recordViewPosition)).toContainText('row 3 of 5')
    await expect(field(1)).toHaveText('BR')
    await expect(field(3)).toHaveText('10.10')
    await page.keyboard.press('ArrowUp')
    await expect(field(0)).toHaveText('2')
    await expect(field(3)).toHaveText('0.01')
    await page.keyboard.press('Escape')
    await expect(record).toHaveCount(0)

    // The grid limit holds on the server: exactly 1,000 rows sent, no more than one batch read past them.
    await replaceQuery(page, engine.series(50_000))
    await activePanel(page).getByTestId(TID.gridRowLimit).selectOption('1000')
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(rowCount(page)).toHaveAttribute('data-count', '1000', { timeout: 30_000 })
    await done(page)
    await expect(status(page)).toContainText('Stopped at the grid limit')
    await expect(status(page)).toHaveAttribute('data-server-sent', '1000')
    const read = Number(await status(page).getAttribute('data-server-read'))
    expect(read).toBeGreaterThanOrEqual(1000)
    expect(read).toBeLessThanOrEqual(1000 + LARGEST_BATCH)
    await activePanel(page)
      .getByTestId(TID.gridScroller)
      .evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect(cell(page, 999, 0)).toHaveText('1000')
    await expect(cell(page, 1000, 0)).toHaveCount(0)
  })
}

for (const engine of ENGINES) {
  test(`${engine.label}: every result of a script as one .zip download, a CSV per result, 64-bit values exact`, async ({
    app: page,
  }) => {
    const skip = engine.skip()
    if (skip) console.log(`[result-tools-engines.spec] ${engine.label} skipped: ${skip}`)
    test.skip(skip !== null, skip ?? '')
    // The connection the tools test added, when it ran first in this server: a DuckDB file takes one
    // process's lock, so a second connection to it would be refused.
    const name = `tools ${engine.label}`
    await expect(treeNode(page, 'connection', 'Sample database')).toBeVisible() // the tree has its connections
    if ((await treeNode(page, 'connection', name).count()) === 0) await engine.connect(page, name)
    const sales = engine.queryTable('sales')
    await queryOn(
      page,
      name,
      `SELECT id, account_id FROM ${sales} ORDER BY id;\n` +
        `SELECT count(*) AS n FROM ${sales};\n` +
        "SELECT 'a,b' AS label, NULL AS missing",
    )
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    await done(page)
    await activePanel(page).getByTestId(TID.exportButton).click()
    const panel = activePanel(page).getByTestId(TID.exportPanel)
    await panel.getByTestId(TID.exportAllResults).check()
    await expect(panel).toContainText('Every result (3 files in one .zip)')
    const started = page.waitForEvent('download')
    await panel.getByTestId(TID.exportStart).click()
    const file = await started
    const files = readZip(readFileSync(await file.path()))
    await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    expect(file.suggestedFilename()).toBe('results.zip')
    expect(files.map((f) => [f.name, f.data.toString('utf8')])).toEqual([
      ['results-1.csv', `id,account_id\r\n1,${MAX}\r\n2,${MAX}\r\n3,1\r\n4,2\r\n5,1\r\n`],
      ['results-2.csv', 'n\r\n5\r\n'],
      ['results-3.csv', 'label,missing\r\n"a,b",\r\n'],
    ])
  })
}
