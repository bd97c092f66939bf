import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, replaceQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { queryOn } from './fixtures/connections'

/** Adds a SQLite connection through the dialog with the given checkboxes ticked. */
async function addSqlite(page: Page, name: string, file: string, boxes: string[]): Promise<void> {
  await page.getByTestId(TID.newConnection).click()
  const dialog = page.getByTestId(TID.connectionDialog)
  await dialog.getByTestId(TID.connectionEngine).selectOption('sqlite')
  await dialog.getByTestId(TID.connectionFile).fill(file)
  await dialog.getByTestId(TID.connectionName).fill(name)
  for (const box of boxes) await dialog.getByTestId(box).check()
  await dialog.getByTestId(TID.connectionSave).click()
  await expect(dialog).toBeHidden()
  await expect(treeNode(page, 'connection', name)).toBeVisible()
}

const rowsIn = (file: string): number => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n
  } finally {
    db.close()
  }
}

test.describe('trust: read-only, safe mode, saved secrets', () => {
  let dir: string
  let file: string
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-trust-'))
    file = join(dir, 'rows.db')
    const db = new Database(file)
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);')
    db.close()
  })
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('a read-only connection has a badge, and the engine refuses a write while reads work', async ({ app: page }) => {
    await addSqlite(page, 'ro rows', file, [TID.connectionReadOnly])
    await expect(treeNode(page, 'connection', 'ro rows').getByTestId(TID.readOnlyBadge)).toBeVisible()
    await queryOn(page, 'ro rows', 'INSERT INTO t VALUES (4)')
    await expect(activePanel(page).getByTestId(TID.readOnlyBadge)).toBeVisible()
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'error')
    await expect(activePanel(page).getByTestId(TID.error)).toContainText(/read-?only/i)
    await replaceQuery(page, 'SELECT count(*) FROM t')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    expect(rowsIn(file)).toBe(3)
  })

  test('safe mode: the server refuses each write, Quarry asks; cancelling changes nothing, confirming runs that statement', async ({
    app: page,
  }) => {
    await addSqlite(page, 'safe rows', file, [TID.connectionSafeMode])
    await expect(treeNode(page, 'connection', 'safe rows').getByTestId(TID.safeModeBadge)).toBeVisible()
    await queryOn(page, 'safe rows', 'DELETE FROM t')
    // Each statement runs in a read-only transaction of its own: no manual-commit mode here.
    await expect(activePanel(page).getByTestId(TID.commitMode)).toBeDisabled()
    const run = activePanel(page).getByTestId(TID.runButton)
    await run.click()
    const ask = page.getByTestId(TID.safeModeDialog)
    await expect(ask).toBeVisible()
    await expect(ask.getByTestId(TID.safeModeStatement)).toHaveText('DELETE FROM t')
    await expect(ask.getByTestId(TID.safeModeWholesale)).toBeVisible()
    await ask.getByTestId(TID.safeModeCancel).click()
    await expect(ask).toBeHidden()
    // The server refused it read-only: every row is still there.
    expect(rowsIn(file)).toBe(3)
    // Every write is asked about (the server, not a lexer, says it writes); this one is not wholesale.
    await replaceQuery(page, 'DELETE FROM t WHERE x = 3')
    await run.click()
    await expect(ask.getByTestId(TID.safeModeStatement)).toHaveText('DELETE FROM t WHERE x = 3')
    await expect(ask.getByTestId(TID.safeModeWholesale)).toBeHidden()
    await ask.getByTestId(TID.safeModeConfirm).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    expect(rowsIn(file)).toBe(2)
    await replaceQuery(page, 'DELETE FROM t')
    await run.click()
    await ask.getByTestId(TID.safeModeConfirm).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    expect(rowsIn(file)).toBe(0)
  })

  test('a saved password shows as "saved", never as text, and reaches no page', async ({ app: page }) => {
    const secret = 'e2e-Secret-Pw-7731'
    await page.getByTestId(TID.newConnection).click()
    const dialog = page.getByTestId(TID.connectionDialog)
    await dialog.getByTestId(TID.connectionEngine).selectOption('postgres')
    await dialog.getByTestId(TID.connectionHost).fill('db.invalid')
    await dialog.getByTestId(TID.connectionUser).fill('app')
    await dialog.getByTestId(TID.connectionPassword).fill(secret)
    await dialog.getByTestId(TID.connectionName).fill('with password')
    await expect(dialog.getByTestId(TID.connectionSecretsNote)).toContainText('readable only by you')
    await dialog.getByTestId(TID.connectionSave).click()
    await expect(dialog).toBeHidden()
    await page.reload()
    // Earlier specs leave many connections: the filter brings this one into the (virtualised) tree's view.
    await page.getByTestId(TID.treeFilter).fill('with password')
    const row = treeNode(page, 'connection', 'with password')
    await row.hover()
    await row.getByTestId(TID.connectionEdit).click()
    const password = page.getByTestId(TID.connectionDialog).getByTestId(TID.connectionPassword)
    await expect(password).toHaveValue('')
    await expect(password).toHaveAttribute('placeholder', /saved/)
    expect(await page.content()).not.toContain(secret)
  })

  test('export downloads the connections without secrets; importing it back renames, never replaces', async ({
    app: page,
  }) => {
    const secret = 'e2e-export-Secret-9'
    await page.getByTestId(TID.newConnection).click()
    const dialog = page.getByTestId(TID.connectionDialog)
    await dialog.getByTestId(TID.connectionEngine).selectOption('postgres')
    await dialog.getByTestId(TID.connectionHost).fill('db2.invalid')
    await dialog.getByTestId(TID.connectionPassword).fill(secret)
    await dialog.getByTestId(TID.connectionName).fill('exported')
    await dialog.getByTestId(TID.connectionSave).click()
    await expect(dialog).toBeHidden()

    const downloading = page.waitForEvent('download')
    await page.getByTestId(TID.connectionsMenu).click()
    await page.getByTestId(TID.contextMenu).locator('[data-item="export"]').click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('quarry-connections.json')
    const path = join(dir, 'export.json')
    await download.saveAs(path)
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('"exported"')
    expect(text).not.toContain(secret)

    await page.getByTestId(TID.connectionsImportFile).setInputFiles(path)
    const report = page.getByTestId(TID.connectionsTransferReport)
    await expect(report).toContainText('“exported” exists already: imported as “exported (2)”')
    // A long list of renames scrolls inside the report, leaving the tree most of the sidebar.
    const reportBox = await report.boundingBox()
    expect(reportBox!.height).toBeLessThanOrEqual(900 * 0.3 + 120)
    // Earlier specs of this worker left their connections too (the tree is virtualised): both the
    // original and the renamed import are found by scrolling the tree.
    await expect(await scrolledTo(page, 'exported (2)')).toBeVisible()
    await expect(await scrolledTo(page, 'exported')).toBeVisible()
  })
})

/** Scrolls the (virtualised) tree from the top until the connection named `name` is rendered. */
async function scrolledTo(page: Page, name: string) {
  const node = treeNode(page, 'connection', name)
  const tree = page.getByTestId(TID.tree)
  const height = await tree.evaluate((el) => el.scrollHeight)
  for (let top = 0; top <= height; top += 200) {
    await tree.evaluate((el, y) => el.scrollTo(0, y), top)
    // The tree renders the rows of the new scroll position on its next frame.
    await page.waitForTimeout(100)
    if ((await node.count()) > 0) break
  }
  return node
}
