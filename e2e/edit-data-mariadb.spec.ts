import type { Page } from '@playwright/test'
import { createConnection } from 'mysql2/promise'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_MYSQL_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run'
if (!url) console.log(`[edit-data-mariadb.spec] skipped: ${skipReason}`)

/** Runs statements on the server through a connection of its own (another client than Quarry). */
async function server<T>(work: (db: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> {
  const db = await createConnection(url!)
  try {
    return await work(db)
  } finally {
    await db.end()
  }
}
const rowsNow = () =>
  server(async (db) => (await db.query('SELECT id, name, qty FROM edit_conflict ORDER BY id'))[0] as unknown[])

async function editCell(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = activePanel(page).getByTestId(TID.cellEditor)
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.press('Enter')
  await expect(editor).toBeHidden()
}

test.describe('editing data on MariaDB', () => {
  test.skip(!url, skipReason)

  test('a row changed by another connection since it was read rolls everything back and shows it as it is now', async ({
    app: page,
  }) => {
    await server(async (db) => {
      await db.query('DROP TABLE IF EXISTS edit_conflict')
      await db.query('CREATE TABLE edit_conflict (id BIGINT PRIMARY KEY, name VARCHAR(50), qty INT) ENGINE=InnoDB')
      await db.query("INSERT INTO edit_conflict VALUES (1, 'Ada', 10), (2, 'Alan', 20)")
    })
    await addConnection(page, url!, 'conflict mariadb', /MariaDB|\d+\.\d+/)
    // MySQL databases are the tree's schemas, right under the connection (no host:port level).
    await expand(page, 'connection', 'conflict mariadb')
    await expand(page, 'schema', 'quarry_e2e')
    await treeNode(page, 'table', 'edit_conflict').click()
    await expect(cell(page, 1, 1)).toHaveText('Alan')

    await editCell(page, 0, 1, 'Mine')
    await editCell(page, 1, 2, '21')
    // Another connection changes row 1 after Quarry read it.
    await server((db) => db.query("UPDATE edit_conflict SET name = 'Theirs' WHERE id = 1"))

    await activePanel(page).getByTestId(TID.editsReview).click()
    const dialog = page.getByTestId(TID.reviewDialog)
    await expect(dialog.getByTestId(TID.reviewStatement)).toHaveCount(2)
    await dialog.getByTestId(TID.reviewApply).click()
    const conflict = dialog.getByTestId(TID.conflictView)
    await expect(conflict).toContainText('Nothing was applied: every change was rolled back.')
    await expect(conflict.getByTestId(TID.conflictRow)).toHaveCount(1)
    const name = conflict.locator(`[data-testid="${TID.conflictCell}"][data-column="name"]`)
    await expect(name.locator('td')).toHaveText(['name', 'Mine', 'Ada', 'Theirs', /keep mine/])
    // Nothing changed: not the other row either.
    expect(await rowsNow()).toEqual([
      { id: 1, name: 'Theirs', qty: 10 },
      { id: 2, name: 'Alan', qty: 20 },
    ])

    // Keep mine (now guarded by the row as it is), review again, apply: both go in.
    await conflict.getByTestId(TID.conflictReReview).click()
    await expect(dialog.getByTestId(TID.reviewStatement)).toHaveCount(2)
    await expect(dialog.getByTestId(TID.reviewSql)).toContainText("'Theirs'")
    await dialog.getByTestId(TID.reviewApply).click()
    await expect(dialog).toBeHidden()
    expect(await rowsNow()).toEqual([
      { id: 1, name: 'Mine', qty: 10 },
      { id: 2, name: 'Alan', qty: 21 },
    ])
    await expect(cell(page, 0, 1)).toHaveText('Mine')
  })

  test('a query result of one table is edited and applied (the server is the one database; MySQL databases are schemas)', async ({
    app: page,
  }) => {
    await server(async (db) => {
      await db.query('DROP TABLE IF EXISTS edit_result')
      await db.query('CREATE TABLE edit_result (id BIGINT PRIMARY KEY, name VARCHAR(50), qty INT) ENGINE=InnoDB')
      await db.query("INSERT INTO edit_result VALUES (1, 'Ada', 10), (9223372036854775807, 'Max', 20)")
    })
    await addConnection(page, url!, 'result mariadb', /MariaDB|\d+\.\d+/)
    await queryOn(page, 'result mariadb', 'SELECT id, qty * 2 AS twice, name FROM quarry_e2e.edit_result ORDER BY id')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(cell(page, 1, 0)).toHaveText('9223372036854775807')
    await expect(cell(page, 0, 1)).toHaveAttribute('title', /Computed by the query/)
    await editCell(page, 1, 2, 'Maximum')
    await activePanel(page).getByTestId(TID.editsReview).click()
    const dialog = page.getByTestId(TID.reviewDialog)
    await expect(dialog.getByTestId(TID.reviewSql)).toContainText('UPDATE `quarry_e2e`.`edit_result` SET `name` =')
    await dialog.getByTestId(TID.reviewApply).click()
    await expect(dialog).toBeHidden()
    await expect(activePanel(page).getByTestId(TID.editsOutcome)).toContainText('1 statement applied (committed)')
    await expect(cell(page, 1, 2)).toHaveText('Maximum')
    const rows = await server(
      async (db) => (await db.query('SELECT name FROM edit_result ORDER BY id'))[0] as unknown[],
    )
    expect(rows).toEqual([{ name: 'Ada' }, { name: 'Maximum' }])
  })
})
