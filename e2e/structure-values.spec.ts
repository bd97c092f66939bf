import { mkdirSync } from 'node:fs'
import { createConnection } from 'mysql2/promise'
import pg from 'pg'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand, queryOn } from './fixtures/connections'

const postgresUrl = process.env['QUARRY_E2E_POSTGRES_URL']
const mysqlUrl = process.env['QUARRY_E2E_MYSQL_URL']
const SHOTS = process.env['QUARRY_SHOTS_DIR'] ?? 'test-results/shots/structure-values'

/** Structure of a table as the tree opens it. */
async function openStructure(page: Page, table: string) {
  await treeNode(page, 'table', table).click()
  await activePanel(page).getByTestId(TID.viewToggleStructure).click()
  return activePanel(page).getByTestId(TID.structureView)
}

/** The Structure view at 1024×700 and 1440×900, light and dark. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}-${theme}.png` })
    }
  }
  await page.getByTestId(TID.themeSwitch).selectOption('system')
}

test.describe('Structure and values on PostgreSQL', () => {
  test.skip(!postgresUrl, process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run')

  test('index methods and CHECK constraints in Structure; float8 1e20 shows as psql prints it', async ({
    app: page,
  }) => {
    const db = new pg.Client({ connectionString: postgresUrl })
    await db.connect()
    await db.query(`
      DROP TABLE IF EXISTS shop.stock;
      CREATE TABLE shop.stock (
        id int PRIMARY KEY, sku text NOT NULL, tags text[], qty int DEFAULT NULL CHECK (qty >= 0),
        price float8, CONSTRAINT qty_small CHECK (qty < 1000));
      CREATE INDEX stock_tags ON shop.stock USING gin (tags);
      CREATE INDEX stock_sku_lower ON shop.stock (lower(sku)) WHERE qty > 0;`)
    await db.end()

    await addConnection(page, postgresUrl!, 'e2e pg structure', /PostgreSQL \d+/)
    await expand(page, 'connection', 'e2e pg structure')
    await expand(page, 'database', 'quarry_e2e')
    await expand(page, 'schema', 'shop')
    const structure = await openStructure(page, 'stock')
    const indexes = structure.getByTestId(TID.structureIndexes)
    await expect(indexes.locator('tr', { hasText: 'stock_tags' })).toContainText('gin')
    await expect(indexes.locator('tr', { hasText: 'stock_sku_lower' })).toContainText('btree · partial · expression')
    await expect(indexes.locator('tr', { hasText: 'stock_pkey' })).toContainText('btree')
    const checks = structure.getByTestId(TID.structureChecks)
    await expect(checks.locator('tr', { hasText: 'qty_small' })).toContainText('CHECK (qty < 1000)')
    await expect(checks.locator('tr', { hasText: 'stock_qty_check' })).toContainText('CHECK (qty >= 0)')
    const columns = structure.getByTestId(TID.structureColumns)
    // Nullable in one vocabulary; DEFAULT NULL is no default.
    await expect(columns.locator('tr', { hasText: 'sku' }).locator('td').nth(3)).toHaveText('no')
    await expect(columns.locator('tr', { hasText: 'qty' }).locator('td').nth(3)).toHaveText('yes')
    await expect(columns.locator('tr', { hasText: 'qty' }).locator('td').nth(4)).toHaveText('')
    await shoot(page, 'postgres-structure')

    await queryOn(page, 'e2e pg structure', 'SELECT 1e20::float8 AS f8, 16777217::float4 AS f4, 100::float8 AS whole')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(cell(page, 0, 0)).toHaveText('1e+20')
    await expect(cell(page, 0, 1)).toHaveText('1.6777216e+07')
    await expect(cell(page, 0, 2)).toHaveText('100')
  })
})

test.describe('Structure on MariaDB', () => {
  test.skip(!mysqlUrl, process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run')

  test('ON UPDATE, FULLTEXT and CHECK constraints in Structure; a view gets no COLLATE', async ({ app: page }) => {
    const db = await createConnection(mysqlUrl!)
    await db.query('DROP VIEW IF EXISTS quarry_e2e.event_notes')
    await db.query('DROP TABLE IF EXISTS quarry_e2e.events')
    await db.query(`CREATE TABLE quarry_e2e.events (
      id INT PRIMARY KEY,
      stamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
      note TEXT,
      qty INT CHECK (qty >= 0),
      FULLTEXT KEY note_words (note)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`)
    await db.query('CREATE VIEW quarry_e2e.event_notes AS SELECT id, note FROM quarry_e2e.events')
    await db.end()

    await addConnection(page, mysqlUrl!, 'e2e maria structure', /MariaDB|\d+\.\d+/)
    await expand(page, 'connection', 'e2e maria structure')
    const server = page.locator(`[data-testid="${TID.treeNode}"][data-kind="database"]`).last()
    await expect(async () => {
      await expand(page, 'database', (await server.getAttribute('data-name')) ?? '')
      await expect(treeNode(page, 'schema', 'quarry_e2e')).toBeVisible({ timeout: 5_000 })
    }).toPass({ timeout: 30_000 })
    await expand(page, 'schema', 'quarry_e2e')
    const structure = await openStructure(page, 'events')
    const columns = structure.getByTestId(TID.structureColumns)
    await expect(columns.locator('th', { hasText: 'On update' })).toBeVisible()
    await expect(columns.locator('tr', { hasText: 'stamp' })).toContainText(
      /current_timestamp\(\).*current_timestamp\(\)/,
    )
    await expect(structure.getByTestId(TID.structureIndexes).locator('tr', { hasText: 'note_words' })).toContainText(
      'FULLTEXT',
    )
    await expect(structure.getByTestId(TID.structureChecks)).toContainText('CHECK (`qty` >= 0)')
    await shoot(page, 'mariadb-structure')

    const view = await openStructure(page, 'event_notes')
    await expect(view.getByTestId(TID.structureColumns).locator('tr', { hasText: 'note' })).not.toContainText('COLLATE')
  })
})

test("the connection dialog's URL example follows the chosen engine", async ({ app: page }) => {
  await page.getByTestId(TID.newConnection).click()
  const dialog = page.getByTestId(TID.connectionDialog)
  const url = dialog.getByTestId(TID.connectionUrl)
  const engine = dialog.getByTestId(TID.connectionEngine)
  await engine.selectOption('postgres')
  await expect(url).toHaveAttribute('placeholder', 'postgres://user:password@host:5432/database?sslmode=require')
  await engine.selectOption('mysql')
  await expect(url).toHaveAttribute('placeholder', 'mysql://user:password@host:3306/database?ssl-mode=REQUIRED')
  await engine.selectOption('mongodb')
  await expect(url).toHaveAttribute('placeholder', 'mongodb://user:password@host:27017/database?tls=true')
  await engine.selectOption('mssql')
  await expect(url).toHaveAttribute('placeholder', /^sqlserver:\/\/user:password@host:1433\/database/)
  mkdirSync(SHOTS, { recursive: true })
  await dialog.screenshot({ path: `${SHOTS}/connection-dialog-mssql.png` })
})
