import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page, TestInfo } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery, replaceQuery, status } from './fixtures/actions'
import { expect, startServer, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'

/** A table of the tab's own session (nothing left behind), the same SQL on every engine. */
const SETUP = `CREATE TEMPORARY TABLE cmp (id INTEGER PRIMARY KEY, name VARCHAR(20), qty INTEGER, note VARCHAR(20));
INSERT INTO cmp VALUES (1, 'one', 10, NULL), (2, 'two', 20, ''), (3, 'three', 30, 'x'), (4, 'four', 40, 'y'), (5, 'five', 50, 'z');`
/** Row 2: qty 20 → 21 and note '' → NULL; row 3 renamed; row 4 deleted; row 6 added. */
const CHANGE = `UPDATE cmp SET qty = 21, note = NULL WHERE id = 2;
UPDATE cmp SET name = 'THREE' WHERE id = 3;
DELETE FROM cmp WHERE id = 4;
INSERT INTO cmp VALUES (6, 'six', 60, NULL);`
const READ = 'SELECT * FROM cmp ORDER BY id'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const panel = activePanel
const diffRow = (page: Page, status: string) =>
  panel(page).locator(`[data-testid="${TID.diffRow}"][data-status="${status}"]`)
const diffCell = (page: Page, status: string, col: string) =>
  diffRow(page, status).locator(`[data-testid="${TID.diffCell}"][data-col="${col}"]`)

/** Adds an in-memory DuckDB connection through the dialog (engine picked, `:memory:` as its file). */
async function addDuckdb(page: Page, name: string): Promise<void> {
  await page.getByTestId(TID.newConnection).click()
  const dialog = page.getByTestId(TID.connectionDialog)
  await dialog.getByTestId(TID.connectionEngine).selectOption('duckdb')
  await dialog.getByTestId(TID.connectionFile).fill(':memory:')
  await dialog.getByTestId(TID.connectionName).fill(name)
  await dialog.getByTestId(TID.connectionTest).click()
  await expect(dialog.getByTestId(TID.connectionTestResult)).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await dialog.getByTestId(TID.connectionSave).click()
  await expect(dialog).toBeHidden()
  await queryOn(page, name, '')
  // A DuckDB tab: not some other engine reached by a URL.
  await expect(page.getByTestId(TID.tab).last()).toHaveAttribute('title', new RegExp(`${name} \\(DuckDB\\)`))
}

async function runAll(page: Page, sql: string): Promise<void> {
  await replaceQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
}

async function runOne(page: Page, sql: string, rows: number): Promise<void> {
  await replaceQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(panel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', String(rows))
}

/** Opens the compare dialog and runs it on the pin it offers and the key it starts with. */
async function compareWithPin(
  page: Page,
  pinLabel: RegExp,
  key: string,
  beforeRun: () => Promise<void> = async () => {},
): Promise<void> {
  await panel(page).getByTestId(TID.compareButton).click()
  const dialog = page.getByTestId(TID.compareDialog)
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId(TID.comparePin).locator('option:checked')).toHaveText(pinLabel)
  await expect(dialog.locator(`[data-testid="${TID.compareKey}"][data-name="${key}"] input`)).toBeChecked()
  await beforeRun()
  await dialog.getByTestId(TID.compareRun).click()
  await expect(dialog).toBeHidden()
}

/**
 * As a user checks a change: read a table, pin the result, change rows, read it again (the pin
 * stays as a tab), compare on the key, and find the changed cells with their old values.
 */
async function pinChangeCompare(page: Page): Promise<void> {
  await runAll(page, SETUP)
  await runOne(page, READ, 5)
  await panel(page).getByTestId(TID.pinButton).click()
  await expect(panel(page).getByTestId(TID.pinButton)).toHaveAttribute('aria-pressed', 'true')
  await expect(panel(page).getByTestId(TID.pinTab)).toHaveCount(1)
  await runAll(page, CHANGE)
  await runOne(page, READ, 5)
  // The pin is still there, and still holds the rows as they were.
  await expect(panel(page).getByTestId(TID.pinTab)).toContainText('5 rows')
  await expect(panel(page).getByTestId(TID.pinButton)).toHaveAttribute('aria-pressed', 'false')

  await compareWithPin(page, /.* SELECT \* FROM cmp ORDER BY id · 5 rows/, 'id')
  const counts = panel(page).getByTestId(TID.diffCounts)
  await expect(counts).toHaveText('+1 −1 ~2 of 6')
  await expect(counts).toHaveAttribute('data-added', '1')
  await expect(counts).toHaveAttribute('data-removed', '1')
  await expect(counts).toHaveAttribute('data-changed', '2')
  await expect(counts).toHaveAttribute('data-same', '2')

  // Row 2: qty and note changed ('' became NULL: not the same), its name did not.
  const row2 = diffRow(page, 'changed').filter({ hasText: 'two' })
  await expect(row2.locator(`[data-changed]`)).toHaveCount(2)
  await expect(row2.locator(`[data-col="qty"]`)).toHaveAttribute('data-changed', 'true')
  await expect(row2.locator(`[data-col="qty"]`)).toHaveAttribute('title', 'was: 20')
  await expect(row2.locator(`[data-col="qty"]`)).toHaveText('21')
  await expect(row2.locator(`[data-col="note"]`)).toHaveText('NULL')
  await expect(row2.locator(`[data-col="note"]`)).toHaveAttribute('title', 'was: ')
  await expect(diffCell(page, 'changed', 'name').filter({ hasText: 'THREE' })).toHaveAttribute('title', 'was: three')
  await expect(diffCell(page, 'added', 'id')).toHaveText('6')
  await expect(diffCell(page, 'removed', 'id')).toHaveText('4')
  await expect(diffCell(page, 'removed', 'name')).toHaveText('four')

  // F7 steps through the differences, landing on the first changed cell; Shift+F7 goes back.
  const viewer = panel(page).getByTestId(TID.diffViewer)
  await panel(page).getByTestId(TID.diffNext).click()
  await expect(viewer).toHaveText('qty: 21 was 20')
  await page.keyboard.press('F7')
  await expect(viewer).toHaveText('name: THREE was three')
  await page.keyboard.press('F7')
  await expect(viewer).toHaveText('name: six')
  await page.keyboard.press('Shift+F7')
  await expect(viewer).toHaveText('name: THREE was three')

  // The status filter.
  await panel(page).locator(`[data-testid="${TID.diffFilter}"][data-filter="removed"]`).click()
  await expect(panel(page).getByTestId(TID.diffRow)).toHaveCount(1)
  await expect(diffRow(page, 'removed')).toContainText('four')
  await panel(page).getByTestId(TID.diffClose).click()
  await expect(panel(page).getByTestId(TID.diffPanel)).toHaveCount(0)
}

test.describe('compare results', () => {
  test('SQLite sample: pin, change rows, run again, compare on the key', async ({ app: page }) => {
    await newQuery(page, '')
    await pinChangeCompare(page)
  })

  test('DuckDB: pin, change rows, run again, compare on the key', async ({ app: page }) => {
    await addDuckdb(page, 'e2e compare duckdb')
    await pinChangeCompare(page)
  })

  for (const [label, env, version] of [
    ['PostgreSQL', 'POSTGRES', /PostgreSQL \d+/],
    ['MariaDB', 'MYSQL', /MariaDB|\d+\.\d+/],
  ] as const) {
    const url = process.env[`QUARRY_E2E_${env}_URL`]
    const skipReason = process.env[`QUARRY_E2E_SKIP_${env}`] ?? `no ${label} server for the e2e run`
    test(`${label}: pin, change rows, run again, compare on the key`, async ({ app: page }) => {
      if (!url) console.log(`[compare.spec] ${label} skipped: ${skipReason}`)
      test.skip(!url, skipReason)
      await addConnection(page, url!, `e2e compare ${label}`, version)
      await queryOn(page, `e2e compare ${label}`, '')
      await pinChangeCompare(page)
    })
  }

  test('across two connections: a pin from the sample compared with the same query on DuckDB', async ({
    app: page,
  }) => {
    await newQuery(page, '')
    await runOne(page, "SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b' UNION ALL SELECT 3, 'c'", 3)
    await panel(page).getByTestId(TID.pinButton).click()
    await addDuckdb(page, 'e2e other')
    // The same query there, with a row changed, one gone, one new, and a column more.
    await runOne(
      page,
      "SELECT 1 AS id, 'a' AS name, 0 AS extra UNION ALL SELECT 2, 'B', 0 UNION ALL SELECT 4, 'd', 0",
      3,
    )
    // No pin in this tab: the sample's pin is offered, named by its connection.
    await expect(panel(page).getByTestId(TID.pinTab)).toHaveCount(0)
    await compareWithPin(page, /^Sample database · .* · 3 rows/, 'id')
    await expect(panel(page).getByTestId(TID.diffCounts)).toHaveText('+1 −1 ~1 of 4')
    await expect(panel(page).getByTestId(TID.diffNote)).toHaveText('Only in this result: extra')
    await expect(diffCell(page, 'changed', 'name')).toHaveAttribute('title', 'was: b')
  })
})

/**
 * The README's picture of a compare (1440×900 light; 1024×700 and dark beside it, to look at). Only
 * QUARRY_README_SHOTS=1 writes into docs/screenshots/; else the PNGs go to the test's output folder.
 */
test('compare screenshots: a pinned result diffed against the rerun, light and dark', async ({ page }, info) => {
  // A server of its own: the other tests' tabs and connections stay out of the picture.
  const server = await startServer()
  try {
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.app)).toBeVisible()
    await shootCompare(page, info)
  } finally {
    const exited = new Promise((resolve) => server.process.once('exit', resolve))
    server.process.kill('SIGTERM')
    await exited
    rmSync(server.dataDir, { recursive: true, force: true })
  }
})

async function shootCompare(page: Page, info: TestInfo): Promise<void> {
  const dir = process.env['QUARRY_README_SHOTS'] === '1' ? join(root, 'docs', 'screenshots') : info.outputPath()
  mkdirSync(dir, { recursive: true })
  await page.setViewportSize({ width: 1440, height: 900 })
  await newQuery(page, '')
  await runAll(
    page,
    `CREATE TEMPORARY TABLE tiers AS SELECT id, first_name, last_name, email, loyalty_tier, marketing_opt_in
FROM customers WHERE id <= 400;`,
  )
  const read = 'SELECT * FROM tiers ORDER BY id'
  await runOne(page, read, 400)
  await panel(page).getByTestId(TID.pinButton).click()
  await runAll(
    page,
    `UPDATE tiers SET loyalty_tier = 'gold' WHERE id % 37 = 3;
UPDATE tiers SET marketing_opt_in = 1 - marketing_opt_in WHERE id % 53 = 5;
DELETE FROM tiers WHERE id IN (8, 215);
INSERT INTO tiers VALUES (401, 'Ada', 'Lovelace', 'ada@example.com', 'platinum', 1);`,
  )
  await runOne(page, read, 399)
  await compareWithPin(page, / · 400 rows/, 'id', () =>
    page
      .screenshot({ path: info.outputPath('compare-dialog.png'), animations: 'disabled', caret: 'hide' })
      .then(() => {}),
  )
  await expect(panel(page).getByTestId(TID.diffCounts)).toContainText('+1 −2')
  await panel(page).getByTestId(TID.diffNext).click()
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.mouse.move(0, height - 1)
      const name = width === 1440 ? `compare-${theme}` : `compare-${width}x${height}-${theme}`
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' })
    }
  }
  await page.getByTestId(TID.themeSwitch).selectOption('light')
}
