import type { Page } from '@playwright/test'
import { Client } from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'
import { sampleExec, sampleRow } from './fixtures/sample-db'

const pgUrl = process.env['QUARRY_E2E_POSTGRES_URL']
const pgSkip = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!pgUrl) console.log(`[edit-query-results.spec] PostgreSQL part skipped: ${pgSkip}`)

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)
const note = (page: Page) => activePanel(page).getByTestId(TID.editsRefusal)

/** Runs the editor's statement and waits for it to finish. */
async function runQuery(page: Page): Promise<void> {
  await activePanel(page).getByTestId(TID.runButton).click()
  await expect(status(page)).toHaveAttribute('data-status', 'done')
}

/** Edits a cell: double-click, replace the text, Enter. */
async function editCell(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = activePanel(page).getByTestId(TID.cellEditor)
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.press('Enter')
  await expect(editor).toBeHidden()
}

/** Review… then Apply; resolves with the review's statements as shown. */
async function reviewAndApply(page: Page): Promise<string> {
  await bar(page).getByTestId(TID.editsReview).click()
  const dialog = page.getByTestId(TID.reviewDialog)
  await expect(dialog.getByTestId(TID.reviewStatement).first()).toBeVisible()
  const sql = (await dialog.getByTestId(TID.reviewSql).textContent()) ?? ''
  await dialog.getByTestId(TID.reviewApply).click()
  await expect(dialog).toBeHidden()
  return sql
}

test.describe('editing query results on the sample (SQLite)', () => {
  test('a SELECT of one table with its key is edited in place, applied in the tab, and run again', async ({
    app: page,
  }) => {
    const { name: before } = sampleRow('SELECT name FROM suppliers WHERE id = 1')
    try {
      await newQuery(page, 'SELECT id, name AS supplier, upper(name) AS shout, name FROM suppliers ORDER BY id')
      await runQuery(page)
      await expect(cell(page, 0, 0)).toHaveText('1')
      await expect(note(page)).toHaveCount(0)
      // A computed column and a repeated one are read-only, and say why.
      await expect(cell(page, 0, 2)).toHaveAttribute('title', /Computed by the query/)
      await expect(cell(page, 0, 3)).toHaveAttribute('title', /shown earlier in the result/)
      // The alias edits its table column.
      await editCell(page, 0, 1, 'Renamed through a result')
      await expect(cell(page, 0, 1)).toHaveAttribute('data-changed', 'true')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')
      const sql = await reviewAndApply(page)
      expect(sql).toContain('UPDATE "main"."suppliers" SET "name" = \'Renamed through a result\'')
      // A plain SELECT is run again at once, and the bar says so.
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText(
        '1 statement applied (committed); the SELECT was run again to show the rows as they are now',
      )
      await expect(cell(page, 0, 1)).toHaveText('Renamed through a result')
      await expect(cell(page, 0, 2)).toHaveText('RENAMED THROUGH A RESULT')
      await expect(cell(page, 0, 1)).not.toHaveAttribute('data-changed', 'true')
      expect(sampleRow('SELECT name FROM suppliers WHERE id = 1').name).toBe('Renamed through a result')
    } finally {
      sampleExec(`UPDATE suppliers SET name = '${String(before).replaceAll("'", "''")}' WHERE id = 1`)
    }
  })

  test('a join says it is read-only and why; a result without the key names the columns to add', async ({
    app: page,
  }) => {
    await newQuery(page, 'SELECT o.id, c.first_name FROM orders o JOIN customers c ON c.id = o.customer_id LIMIT 5')
    await runQuery(page)
    await expect(note(page)).toHaveText(
      /^Read-only: This result joins columns of 2 tables \((main\.)?orders, (main\.)?customers\)/,
    )
    await expect(bar(page)).toHaveCount(0)
    // Double-click does not edit: the cell viewer (read-only) opens instead of an editor.
    await cell(page, 0, 1).dblclick()
    await expect(activePanel(page).getByTestId(TID.cellEditor)).toHaveCount(0)
    await page.keyboard.press('Escape')

    // No table column at all: nothing to edit, nothing said.
    await newQuery(page, 'SELECT 1 AS one')
    await runQuery(page)
    await expect(note(page)).toHaveCount(0)

    await newQuery(page, 'SELECT name, contact_name FROM suppliers')
    await runQuery(page)
    await expect(note(page)).toHaveText(
      /^Add id to the query to edit: (main\.)?suppliers identifies its rows by its primary key \(id\)/,
    )
  })

  test("a temporary table's result says it cannot be edited because only the tab's session sees it", async ({
    app: page,
  }) => {
    await newQuery(page, "CREATE TEMP TABLE scratch AS SELECT 1 AS id, 'a' AS v;\nSELECT id, v FROM scratch")
    await activePanel(page).getByTestId(TID.runScriptButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(note(page)).toHaveText(/^Read-only: scratch is temporary: only this tab's session sees it/)
    await expect(cell(page, 0, 1)).toHaveText('a')
  })

  test('running again with staged edits asks first; Cancel keeps them', async ({ app: page }) => {
    await newQuery(page, 'SELECT id, name FROM suppliers ORDER BY id')
    await runQuery(page)
    await editCell(page, 1, 1, 'Not applied')
    await activePanel(page).getByTestId(TID.runButton).click()
    const ask = page.getByTestId(TID.stagedEditsDialog)
    await expect(ask).toContainText('Running the query again replaces that result and discards them')
    await ask.getByRole('button', { name: 'Cancel' }).click()
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')
    await activePanel(page).getByTestId(TID.runButton).click()
    await page.getByTestId(TID.stagedEditsDiscard).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(cell(page, 1, 1)).not.toHaveText('Not applied')
    await expect(bar(page)).toHaveCount(0)
  })
})

test.describe('editing query results on PostgreSQL', () => {
  test.skip(!pgUrl, pgSkip)

  async function server<T>(read: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: pgUrl })
    await client.connect()
    try {
      return await read(client)
    } finally {
      await client.end()
    }
  }

  const seed = () =>
    server((c) =>
      c.query(`DROP TABLE IF EXISTS shop.edit_results;
        CREATE TABLE shop.edit_results (id bigint PRIMARY KEY, big bigint, note text, price numeric(38, 10));
        INSERT INTO shop.edit_results VALUES (1, 9007199254740993, 'one', 12345678901234567890.0123456789),
          (2, -9223372036854775808, NULL, 0), (3, 3, '', 1)`),
    )
  const noteOf = (id: number) =>
    server(async (c) => (await c.query('SELECT note FROM shop.edit_results WHERE id = $1', [id])).rows[0]?.note)

  test('edits a result with an expression column, applies in the tab session, offers Re-run, verified with a query', async ({
    app: page,
  }) => {
    await seed()
    await addConnection(page, pgUrl!, 'results pg', /PostgreSQL \d+/)
    // now() is not known to be free of side effects: after apply the query is not run again by itself.
    await queryOn(page, 'results pg', 'SELECT id, note, price, now() AS seen, big FROM shop.edit_results ORDER BY id')
    await runQuery(page)
    await expect(cell(page, 0, 4)).toHaveText('9007199254740993')
    await expect(cell(page, 0, 3)).toHaveAttribute('title', /Computed by the query/)
    await editCell(page, 0, 1, 'edited one')
    await editCell(page, 1, 2, '-98765432109876543210.9876543210')
    await editCell(page, 2, 4, '9223372036854775807')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('3 changes')
    const sql = await reviewAndApply(page)
    expect(sql).toContain('UPDATE "shop"."edit_results" SET "note" = \'edited one\'')
    const outcome = bar(page).getByTestId(TID.editsOutcome)
    await expect(outcome).toHaveText(
      '3 statements applied (committed). The rows shown are as read before: Re-run to read them again',
    )
    // Verified on the server by its own client: values exact, the untouched ones unchanged.
    const rows = await server(
      async (c) => (await c.query('SELECT id, note, price::text, big::text FROM shop.edit_results ORDER BY id')).rows,
    )
    expect(rows).toEqual([
      { id: '1', note: 'edited one', price: '12345678901234567890.0123456789', big: '9007199254740993' },
      { id: '2', note: null, price: '-98765432109876543210.9876543210', big: '-9223372036854775808' },
      { id: '3', note: '', price: '1.0000000000', big: '9223372036854775807' },
    ])
    await bar(page).getByTestId(TID.editsNext).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(cell(page, 0, 1)).toHaveText('edited one')
    await expect(cell(page, 2, 4)).toHaveText('9223372036854775807')
  })

  test('in manual-commit mode the applied change waits in the tab transaction until Commit', async ({ app: page }) => {
    await seed()
    await addConnection(page, pgUrl!, 'manual pg', /PostgreSQL \d+/)
    await queryOn(page, 'manual pg', 'SELECT id, note FROM shop.edit_results ORDER BY id')
    await activePanel(page).getByTestId(TID.commitMode).selectOption('manual')
    await runQuery(page)
    await editCell(page, 0, 1, 'not yet committed')
    const sql = await reviewAndApply(page)
    // Inside the tab's open transaction: a savepoint, released, not a COMMIT.
    expect(sql).toContain('SAVEPOINT')
    expect(sql).not.toContain('COMMIT')
    await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText(
      '1 statement applied (waiting for Commit); the SELECT was run again to show the rows as they are now',
    )
    await expect(activePanel(page).getByTestId(TID.transactionBadge)).toHaveAttribute('data-state', 'open')
    // The tab's session sees its change; another session does not, until Commit.
    await expect(cell(page, 0, 1)).toHaveText('not yet committed')
    expect(await noteOf(1)).toBe('one')
    await activePanel(page).getByTestId(TID.commitButton).click()
    await expect.poll(() => noteOf(1)).toBe('not yet committed')
  })
})
