import type { Page } from '@playwright/test'
import { Client } from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[edit-data-postgres.spec] skipped: ${skipReason}`)

/** Runs SQL on the server with its own client (the source of truth, behind the app's back). */
async function server<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)

/** The grid row whose first column reads `id`. */
const rowOf = (page: Page, id: string) =>
  activePanel(page).locator('.qgrid-row', { has: page.locator('[data-col="0"]', { hasText: new RegExp(`^${id}$`) }) })

async function editCell(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = activePanel(page).getByTestId(TID.cellEditor)
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.press('Enter')
  await expect(editor).toBeHidden()
}

test.describe('editing data on PostgreSQL', () => {
  test.skip(!url, skipReason)

  test('typed edits, a new row and a delete survive a sort, review shows the bound SQL, apply writes exactly that', async ({
    app: page,
  }) => {
    await server(`DROP TABLE IF EXISTS shop.e2e_edit;
      CREATE TABLE shop.e2e_edit (id bigint PRIMARY KEY, name text, amount numeric(38,10), at timestamptz,
        doc jsonb, bin bytea, flag boolean NOT NULL DEFAULT false, note text DEFAULT 'n/a');
      INSERT INTO shop.e2e_edit (id, name, amount, at, doc, bin, flag) VALUES
        (9223372036854775807, 'max', 1.5, '2024-01-01 00:00:00+00', '{"a":1}', '\\x00ff', true),
        (2, 'two', 2, NULL, NULL, NULL, false),
        (3, 'three', 3, NULL, NULL, NULL, false)`)
    try {
      await addConnection(page, url!, 'e2e postgres edits', /PostgreSQL \d+/)
      await expand(page, 'connection', 'e2e postgres edits')
      await expand(page, 'database', 'quarry_e2e')
      await expand(page, 'schema', 'shop')
      await page.locator(`[data-testid="${TID.treeNode}"][data-kind="table"][data-name="e2e_edit"]`).click()
      await expect(cell(page, 2, 0)).toBeVisible()
      const panel = activePanel(page)

      // Rows come in key order (the Data view pages by the primary key): 2, 3, 9223372036854775807.
      await editCell(page, 0, 2, '12345678901234567890123456.0123456789')
      await editCell(page, 0, 3, '2024-02-29 23:59:59.123456+05:30')
      await editCell(page, 0, 4, '{"big": 12345678901234567890}')
      await editCell(page, 0, 5, '\\xDEADbeef')
      // A boolean toggles on double-click.
      await cell(page, 0, 6).dblclick()
      await expect(cell(page, 0, 6)).toHaveText('true')
      // JSON is checked before it is staged.
      await cell(page, 2, 4).dblclick()
      await panel.getByTestId(TID.cellEditor).fill('{oops')
      await panel.getByTestId(TID.cellEditor).press('Enter')
      await expect(panel.getByTestId(TID.cellEditorError)).toContainText('Not JSON')
      await panel.getByTestId(TID.cellEditor).press('Escape')
      await editCell(page, 2, 1, 'max edited')

      await cell(page, 1, 0).click({ button: 'right' })
      await page.getByTestId(TID.gridMenu).locator('[data-format="delete-rows"]').click()
      await cell(page, 0, 0).click({ button: 'right' })
      await page.getByTestId(TID.gridMenu).locator('[data-format="add-row"]').click()
      await editCell(page, 3, 0, '4')
      await editCell(page, 3, 1, 'four')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
      // Undo the last step (the new row's name), then redo it.
      await panel.getByTestId(TID.gridScroller).focus()
      await page.keyboard.press('ControlOrMeta+z')
      await expect(cell(page, 3, 1)).toHaveText('DEFAULT')
      await page.keyboard.press('ControlOrMeta+Shift+z')
      await expect(cell(page, 3, 1)).toHaveText('four')

      // A server sort (id descending) reads the rows again: the staged edits follow their keys.
      const idHeader = panel.locator(`[data-testid="${TID.gridHeader}"][data-col="0"]`)
      await idHeader.click()
      await idHeader.click()
      await expect(panel.getByTestId(TID.generatedSql)).toContainText('ORDER BY "id" DESC')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
      await expect(rowOf(page, '9223372036854775807').locator('[data-col="1"]')).toHaveText('max edited')
      await expect(rowOf(page, '3')).toHaveAttribute('data-staged', 'deleted')
      await expect(rowOf(page, '2').locator('[data-col="5"]')).toHaveAttribute('data-changed', 'true')

      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewKey)).toContainText('id (the primary key)')
      const sql = review.getByTestId(TID.reviewSql)
      await expect(sql).toContainText('BEGIN')
      await expect(sql).toContainText('COMMIT')
      await expect(review.getByTestId(TID.reviewStatement)).toHaveCount(4)
      // What runs has placeholders and bound values; the literal form keeps every digit.
      await expect(sql).toContainText('$1')
      await expect(sql).toContainText('12345678901234567890123456.0123456789')
      await expect(sql).toContainText('9223372036854775807')
      await expect(sql).toContainText('DELETE FROM "shop"."e2e_edit"')
      await expect(sql).toContainText('INSERT INTO "shop"."e2e_edit"')
      await review.getByTestId(TID.reviewApply).click()
      await expect(review).toBeHidden()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('4 statements applied (committed)')

      // On the server, with its own client: exactly what was typed.
      const [two] = await server(`SELECT amount::text, at = '2024-02-29 23:59:59.123456+05:30'::timestamptz AS at_ok,
        doc->>'big' AS big, encode(bin, 'hex') AS bin, flag FROM shop.e2e_edit WHERE id = 2`)
      expect(two).toEqual({
        amount: '12345678901234567890123456.0123456789',
        at_ok: true,
        big: '12345678901234567890',
        bin: 'deadbeef',
        flag: true,
      })
      expect(await server('SELECT name FROM shop.e2e_edit WHERE id = 9223372036854775807')).toEqual([
        { name: 'max edited' },
      ])
      expect(
        await server('SELECT id::text, name, flag, note FROM shop.e2e_edit WHERE id IN (3, 4) ORDER BY id'),
      ).toEqual([{ id: '4', name: 'four', flag: false, note: 'n/a' }])

      // And in a query tab of the app.
      await queryOn(page, 'e2e postgres edits', 'SELECT count(*) FROM shop.e2e_edit')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      await expect(cell(page, 0, 0)).toHaveText('3')
    } finally {
      await server('DROP TABLE IF EXISTS shop.e2e_edit')
    }
  })

  test('a query result edits in the tab session: in manual-commit mode the change waits for Commit', async ({
    app: page,
  }) => {
    await server(`DROP TABLE IF EXISTS shop.e2e_qedit;
      CREATE TABLE shop.e2e_qedit (id int PRIMARY KEY, name text); INSERT INTO shop.e2e_qedit VALUES (1, 'one'), (2, 'two')`)
    try {
      await addConnection(page, url!, 'e2e postgres qedits', /PostgreSQL \d+/)
      await queryOn(page, 'e2e postgres qedits', 'SELECT id, name, length(name) AS n FROM shop.e2e_qedit ORDER BY id')
      const panel = activePanel(page)
      await panel.getByTestId(TID.commitMode).selectOption('manual')
      await panel.getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      await expect(cell(page, 0, 2)).toHaveAttribute('title', /Computed by the query/)
      await editCell(page, 0, 1, 'uno')
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewSql)).toContainText('UPDATE "shop"."e2e_qedit"')
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toContainText('1 statement applied (waiting for Commit)')
      // Not visible to another session until Commit.
      expect(await server('SELECT name FROM shop.e2e_qedit WHERE id = 1')).toEqual([{ name: 'one' }])
      await panel.getByTestId(TID.commitButton).click()
      await expect.poll(async () => server('SELECT name FROM shop.e2e_qedit WHERE id = 1')).toEqual([{ name: 'uno' }])
    } finally {
      await server('DROP TABLE IF EXISTS shop.e2e_qedit')
    }
  })
})
