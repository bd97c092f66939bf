import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { sampleExec, sampleRow } from './fixtures/sample-db'

/** Opens a sample table's Data view and waits for its first rows. */
async function openTable(page: Page, table: string): Promise<void> {
  await expandSampleSchema(page)
  await treeNode(page, 'table', table).click()
  await expect(cell(page, 0, 0)).toBeVisible()
}

/** The grid row showing the row whose first column reads `id`. */
const rowOf = (page: Page, id: string) =>
  activePanel(page).locator('.qgrid-row', { has: page.locator(`[data-col="0"]`, { hasText: new RegExp(`^${id}$`) }) })

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)

type ClipboardPage = { navigator: { clipboard: { writeText(text: string): Promise<void> } } }

/** Puts text on the page's clipboard, as another program's copy would. */
const copyToClipboard = (page: Page, text: string) =>
  page.evaluate((t) => (globalThis as unknown as ClipboardPage).navigator.clipboard.writeText(t), text)

/** Edits a cell: double-click, replace the text, Enter. */
async function editCell(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = activePanel(page).getByTestId(TID.cellEditor)
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.press('Enter')
  await expect(editor).toBeHidden()
}

test.describe('editing data on the sample (SQLite)', () => {
  test('stages an edit, a new row and a delete, marks them, undoes and redoes, and keeps them across a sort', async ({
    app: page,
  }) => {
    await openTable(page, 'suppliers')
    const panel = activePanel(page)
    // Column 1 is name (TEXT NOT NULL UNIQUE): edit row 0's.
    const before = await cell(page, 0, 1).textContent()
    await editCell(page, 0, 1, 'Edited supplier')
    await expect(cell(page, 0, 1)).toHaveText('Edited supplier')
    await expect(cell(page, 0, 1)).toHaveAttribute('data-changed', 'true')
    await expect(cell(page, 0, 1)).toHaveAttribute('title', `Was: ${before}`)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')

    // Esc cancels: nothing more is staged.
    await cell(page, 1, 1).dblclick()
    await panel.getByTestId(TID.cellEditor).fill('not kept')
    await panel.getByTestId(TID.cellEditor).press('Escape')
    await expect(cell(page, 1, 1)).not.toHaveText('not kept')

    // A rating (REAL) is checked: text is refused with the reason and nothing is staged.
    await cell(page, 2, 7).dblclick()
    await panel.getByTestId(TID.cellEditor).fill('very good')
    await panel.getByTestId(TID.cellEditor).press('Enter')
    await expect(panel.getByTestId(TID.cellEditorError)).toContainText('Not a number')
    await panel.getByTestId(TID.cellEditor).fill('4.25')
    await panel.getByTestId(TID.cellEditor).press('Enter')
    await expect(cell(page, 2, 7)).toHaveText('4.25')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('2 changes')

    // Delete row 3 from the context menu: struck through, still there until applied.
    await cell(page, 3, 2).click({ button: 'right' })
    await page.getByTestId(TID.gridMenu).locator('[data-format="delete-rows"]').click()
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(1)
    // Add a row: it follows the rows read, marked new, its unset columns left to the server.
    await cell(page, 0, 0).click({ button: 'right' })
    await page.getByTestId(TID.gridMenu).locator('[data-format="add-row"]').click()
    const added = panel.locator('.qgrid-row[data-staged="new"]')
    await expect(added).toHaveCount(1)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')

    // Undo one step at a time (Ctrl+Z with the grid focused), redo with Ctrl+Shift+Z and Ctrl+Y.
    await panel.getByTestId(TID.gridScroller).focus()
    await page.keyboard.press('ControlOrMeta+z')
    await expect(added).toHaveCount(0)
    await page.keyboard.press('ControlOrMeta+z')
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(0)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('2 changes')
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('3 changes')
    await page.keyboard.press('ControlOrMeta+y')
    await expect(added).toHaveCount(1)
    await page.keyboard.press('ControlOrMeta+Home')
    await expect(panel.locator('.qgrid-row[data-staged="deleted"]')).toHaveCount(1)

    // Sort on the server by name, descending: the rows are read again, the edits follow their keys.
    const editedId = await cell(page, 0, 0).textContent()
    const header = panel.locator(`[data-testid="${TID.gridHeader}"][data-col="1"]`)
    await header.click()
    await header.click()
    await expect(panel.getByTestId(TID.generatedSql)).toContainText('ORDER BY')
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
    const edited = rowOf(page, editedId!)
    await expect(edited.locator('[data-col="1"]')).toHaveText('Edited supplier')
    await expect(edited.locator('[data-col="1"]')).toHaveAttribute('data-changed', 'true')
    // Filter on the server: the deleted row (the 4th read, id 4) and the edited one still carry their marks.
    await panel.getByTestId(TID.tableFilterWhere).fill(`id IN (4, ${editedId})`)
    await panel.getByTestId(TID.tableFilterApply).click()
    await expect(panel.getByTestId(TID.generatedSql)).toContainText('WHERE')
    await expect(rowOf(page, '4')).toHaveAttribute('data-staged', 'deleted')
    await expect(rowOf(page, editedId!).locator('[data-col="1"]')).toHaveText('Edited supplier')
    await expect(added).toHaveCount(1)
    await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')
  })

  test('closing a tab with staged edits asks; Cancel keeps the tab and its edits', async ({ app: page }) => {
    await openTable(page, 'categories')
    await editCell(page, 0, 2, 'Renamed')
    const tab = page.locator(`[data-testid="${TID.tab}"][data-title="categories"]`)
    await tab.getByRole('button', { name: 'Close categories' }).click()
    const dialog = page.getByTestId(TID.stagedEditsDialog)
    await expect(dialog).toContainText('1 change not applied')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(tab).toBeVisible()
    await expect(cell(page, 0, 2)).toHaveText('Renamed')
    await tab.getByRole('button', { name: 'Close categories' }).click()
    await page.getByTestId(TID.stagedEditsDiscard).click()
    await expect(tab).toHaveCount(0)
  })

  test('review shows the exact SQL; apply commits every change, checked with a query and on the file', async ({
    app: page,
  }) => {
    sampleExec(`DROP TABLE IF EXISTS e2e_edit; CREATE TABLE e2e_edit (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER, note TEXT DEFAULT 'n/a');
      INSERT INTO e2e_edit VALUES (1, 'one', 10, NULL), (2, 'two', 20, 'x'), (3, 'three', 9223372036854775807, '')`)
    try {
      await page.reload()
      await openTable(page, 'e2e_edit')
      // int64 beyond 2^53 is edited as exact text.
      await editCell(page, 2, 2, '-9223372036854775808')
      await editCell(page, 0, 1, "it's")
      await cell(page, 1, 0).click({ button: 'right' })
      await page.getByTestId(TID.gridMenu).locator('[data-format="delete-rows"]').click()
      await cell(page, 0, 3).click({ button: 'right' })
      await page.getByTestId(TID.gridMenu).locator('[data-format="set-empty"]').click()
      await cell(page, 0, 0).click({ button: 'right' })
      await page.getByTestId(TID.gridMenu).locator('[data-format="add-row"]').click()
      await editCell(page, 3, 1, 'four')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('4 changes')

      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewKey)).toContainText('id (the primary key)')
      const statements = review.getByTestId(TID.reviewStatement)
      await expect(statements).toHaveCount(4)
      const sql = review.getByTestId(TID.reviewSql)
      await expect(sql).toContainText('BEGIN')
      await expect(sql).toContainText('COMMIT')
      // Updates in the order they were staged, then deletes, then inserts.
      await expect(statements.nth(0)).toContainText('UPDATE')
      await expect(statements.nth(0)).toContainText('-9223372036854775808')
      await expect(statements.nth(1)).toContainText("'it''s'")
      await expect(statements.nth(2)).toContainText('DELETE')
      await expect(statements.nth(3)).toContainText('INSERT')
      await expect(statements.nth(3)).toContainText("'four'")
      await review.getByTestId(TID.reviewApply).click()
      await expect(review).toBeHidden()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('4 statements applied (committed)')
      await expect(cell(page, 0, 1)).toHaveText("it's")
      await expect(cell(page, 0, 1)).not.toHaveAttribute('data-changed')

      // On the file, exactly: '' is '' (not NULL), the int64 edge is exact, the new row took its default.
      expect(sampleRow('SELECT count(*) AS n FROM e2e_edit')).toEqual({ n: 3n })
      expect(sampleRow('SELECT name, note FROM e2e_edit WHERE id = 1')).toEqual({ name: "it's", note: '' })
      expect(sampleRow('SELECT qty FROM e2e_edit WHERE id = 3')).toEqual({ qty: -9223372036854775808n })
      expect(sampleRow("SELECT note FROM e2e_edit WHERE name = 'four'")).toEqual({ note: 'n/a' })

      // And with a query in a query tab.
      await newQuery(page, 'SELECT count(*) FROM e2e_edit WHERE id = 2')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      await expect(cell(page, 0, 0)).toHaveText('0')
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_edit')
    }
  })

  test('a row changed behind the app makes apply roll back and shows the conflict; keep mine applies it', async ({
    app: page,
  }) => {
    sampleExec(`DROP TABLE IF EXISTS e2e_conflict; CREATE TABLE e2e_conflict (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);
      INSERT INTO e2e_conflict VALUES (1, 'one', 1), (2, 'two', 2)`)
    try {
      await page.reload()
      await openTable(page, 'e2e_conflict')
      await editCell(page, 0, 1, 'mine')
      await editCell(page, 1, 2, '22')
      // Another program changes row 1 after it was read.
      sampleExec("UPDATE e2e_conflict SET name = 'theirs' WHERE id = 1")
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await review.getByTestId(TID.reviewApply).click()
      const conflict = review.getByTestId(TID.conflictView)
      await expect(conflict).toContainText('Nothing was applied')
      const row = conflict.getByTestId(TID.conflictRow)
      await expect(row).toHaveCount(1)
      const nameCell = row.locator(`[data-testid="${TID.conflictCell}"][data-column="name"]`)
      await expect(nameCell).toContainText('mine')
      await expect(nameCell).toContainText('one')
      await expect(nameCell).toContainText('theirs')
      // Rolled back: row 2's change did not go in either.
      expect(sampleRow('SELECT qty FROM e2e_conflict WHERE id = 2')).toEqual({ qty: 2n })

      await conflict.getByTestId(TID.conflictReReview).click()
      await expect(review.getByTestId(TID.reviewStatement)).toHaveCount(2)
      await expect(review.getByTestId(TID.reviewStatement).first()).toContainText("'theirs'")
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('2 statements applied (committed)')
      expect(sampleRow('SELECT name FROM e2e_conflict WHERE id = 1')).toEqual({ name: 'mine' })
      expect(sampleRow('SELECT qty FROM e2e_conflict WHERE id = 2')).toEqual({ qty: 22n })
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_conflict')
    }
  })

  test('a query result from one table with its key is edited in place, in the tab session; a join says why not', async ({
    app: page,
  }) => {
    sampleExec(`DROP TABLE IF EXISTS e2e_qedit; CREATE TABLE e2e_qedit (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);
      INSERT INTO e2e_qedit VALUES (1, 'one', 1), (2, 'two', 2)`)
    try {
      await page.reload()
      await newQuery(page, 'SELECT id, name, upper(name) AS shout FROM e2e_qedit ORDER BY id')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      // The computed column is read-only and says why; the others edit.
      await expect(cell(page, 0, 2)).toHaveAttribute('title', /Computed by the query/)
      await editCell(page, 1, 1, 'deux')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewStatement)).toHaveCount(1)
      await expect(review.getByTestId(TID.reviewStatement)).toContainText(
        `UPDATE "main"."e2e_qedit" SET "name" = 'deux'`,
      )
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toContainText('1 statement applied (committed)')
      expect(sampleRow('SELECT name FROM e2e_qedit WHERE id = 2')).toEqual({ name: 'deux' })

      // Columns of two tables: not editable, with the reason.
      await newQuery(page, 'SELECT q.id, s.name FROM e2e_qedit q, suppliers s LIMIT 2')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      await expect(activePanel(page).getByTestId(TID.editsRefusal)).toContainText('2 tables')
      await cell(page, 0, 1).dblclick()
      await expect(page.getByTestId(TID.cellViewer)).toBeVisible()
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_qedit')
    }
  })

  test('a table without a key: the review asks which columns identify a row, and says so', async ({ app: page }) => {
    sampleExec(`DROP TABLE IF EXISTS e2e_nokey; CREATE TABLE e2e_nokey (code TEXT, label TEXT);
      INSERT INTO e2e_nokey VALUES ('a', 'first'), ('b', 'second')`)
    try {
      await page.reload()
      await openTable(page, 'e2e_nokey')
      await expect(bar(page)).toHaveCount(0)
      await editCell(page, 1, 1, 'zweite')
      await expect(bar(page)).toContainText('No primary or unique key')
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewApply)).toBeDisabled()
      await review.locator(`[data-testid="${TID.reviewKeyColumn}"][data-column="code"]`).check()
      await review.getByRole('button', { name: 'Show the statements' }).click()
      await expect(review.getByTestId(TID.reviewStatement)).toContainText(`WHERE "code" = 'b'`)
      await expect(review.getByText('(the columns you chose)')).toBeVisible()
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('1 statement applied (committed)')
      expect(sampleRow("SELECT label FROM e2e_nokey WHERE code = 'b'")).toEqual({ label: 'zweite' })
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_nokey')
    }
  })

  test('Ctrl+V pastes a TSV block as one undo step; 10,000 pasted cells review and apply in one transaction', async ({
    app: page,
  }, testInfo) => {
    sampleExec(`DROP TABLE IF EXISTS e2e_paste; CREATE TABLE e2e_paste (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);
      INSERT INTO e2e_paste SELECT value, 'n' || value, 0 FROM
        (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 10000) SELECT value FROM s)`)
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      await page.reload()
      await openTable(page, 'e2e_paste')
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      const panel = activePanel(page)
      // The Data view reads a page of 300 rows: the 3,000-row paste below needs them all.
      await panel.getByTestId(TID.fetchAll).click()
      await expect(panel.getByTestId(TID.tablePages)).toHaveAttribute('data-count', '10000')
      // A 2×2 block from a spreadsheet: an empty field is NULL, "" is ''.
      await copyToClipboard(page, 'x\t5\r\n""\t\r\n')
      await cell(page, 0, 1).click()
      await page.keyboard.press('ControlOrMeta+v')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('2 changes')
      await expect(cell(page, 0, 1)).toHaveText('x')
      await expect(cell(page, 0, 2)).toHaveText('5')
      await expect(cell(page, 1, 1)).toHaveText('')
      await expect(cell(page, 1, 2)).toHaveText('NULL')
      // A value that does not fit its column: nothing is pasted.
      await copyToClipboard(page, 'abc')
      await cell(page, 2, 2).click()
      await page.keyboard.press('ControlOrMeta+v')
      await expect(panel.getByTestId(TID.gridNotice)).toContainText('Nothing pasted')
      await page.keyboard.press('ControlOrMeta+z')
      await expect(bar(page)).toContainText('No staged changes')

      // 10,000 cells of the qty column: one browser-mode message (updates carry their key and
      // changed column only), reviewed (the first 500 statements shown) and applied in one transaction.
      await copyToClipboard(page, Array.from({ length: 10_000 }, (_, i) => String(i + 1)).join('\n'))
      await cell(page, 0, 2).click()
      const pasting = Date.now()
      await page.keyboard.press('ControlOrMeta+v')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('10,000 changes', { timeout: 60_000 })
      const stagedMs = Date.now() - pasting
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      const previewing = Date.now()
      await expect(review.getByTestId(TID.reviewApply)).toBeEnabled({ timeout: 60_000 })
      const previewMs = Date.now() - previewing
      await expect(review).toContainText('9,500 more')
      const applying = Date.now()
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('10,000 statements applied (committed)', {
        timeout: 120_000,
      })
      const applyMs = Date.now() - applying
      expect(sampleRow('SELECT sum(qty) AS total FROM e2e_paste')).toEqual({ total: 50005000n })
      const figures = `10,000 pasted cells staged in ${stagedMs} ms, reviewed in ${previewMs} ms, applied in ${applyMs} ms (SQLite, end to end)`
      console.log(`[measure] ${figures}`)
      testInfo.annotations.push({ type: 'measure', description: figures })
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_paste')
    }
  })
})
