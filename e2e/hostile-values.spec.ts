import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, replaceQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

const TEN_MB = 10 * 1024 * 1024
const SCRIPT_HEADER = '<script>window.__pwned = "header"; alert("header")</script>'
const IMG_CELL = "<img src=x onerror=\"window.__pwned = 'cell'; alert('cell')\">"

/** Values a hostile database holds: markup, broken UTF-8, control characters, a 10 MB string. */
const HOSTILE_SQL = `SELECT
  '${IMG_CELL.replaceAll("'", "''")}' AS "${SCRIPT_HEADER.replaceAll('"', '""')}",
  CAST(x'41c328ff42' AS TEXT) AS bad_utf8,
  'a' || char(0) || char(7) || char(27) || '[31m' || char(13) || char(10) || '<b>b</b>' AS controls,
  '<' || replace(hex(zeroblob(${TEN_MB / 2})), '0', 'A') || '>' AS big,
  '<iframe src="javascript:alert(1)"></iframe>' AS "<img src=x onerror=alert(1)>"`

test('hostile values and column names display as text, never run, and a 10 MB value does not freeze the app', async ({
  app: page,
}) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await newQuery(page, HOSTILE_SQL)
  const started = Date.now()
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  console.log(`[hostile] 10 MB row shown in ${Date.now() - started} ms`)

  const headers = activePanel(page).getByTestId(TID.gridHeader)
  await expect(headers.nth(0).locator('.qgrid-header-name')).toHaveText(SCRIPT_HEADER)
  await expect(headers.nth(4).locator('.qgrid-header-name')).toHaveText('<img src=x onerror=alert(1)>')
  await expect(cell(page, 0, 0)).toHaveText(IMG_CELL)
  await expect(cell(page, 0, 4)).toHaveText('<iframe src="javascript:alert(1)"></iframe>')
  // Broken UTF-8 is shown with replacement characters around the valid letters, never dropped.
  const badUtf8 = await cell(page, 0, 1).textContent()
  console.log(`[hostile] invalid UTF-8 shown as ${JSON.stringify(badUtf8)}`)
  expect(badUtf8).toMatch(/^A.*\uFFFD.*B$/u)
  // Control characters are visible symbols, on one line.
  await expect(cell(page, 0, 2)).toHaveText('a␀␇␛[31m↵<b>b</b>')
  // The 10 MB value is cut in its cell.
  const bigText = (await cell(page, 0, 3).textContent()) ?? ''
  expect(bigText.startsWith('<AAAA')).toBe(true)
  expect(bigText.endsWith('…')).toBe(true)
  expect(bigText.length).toBeLessThan(1000)

  // Nothing became markup and nothing ran.
  const grid = activePanel(page).getByTestId(TID.grid)
  await expect(grid.locator('img, script, iframe, b')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()

  // The UI still answers at once: the cell viewer opens the whole 10 MB value.
  const opening = Date.now()
  await cell(page, 0, 3).dblclick()
  const viewer = page.getByTestId(TID.cellViewer)
  await expect(viewer).toBeVisible()
  await expect(viewer).toContainText(`${(TEN_MB + 2).toLocaleString('en-US')} characters`)
  console.log(`[hostile] cell viewer open on the 10 MB value in ${Date.now() - opening} ms`)
  await page.getByTestId(TID.cellViewerClose).click()
  await expect(viewer).toBeHidden()
  // Also for the markup cell: text, not markup.
  await cell(page, 0, 0).dblclick()
  await expect(viewer).toContainText(IMG_CELL)
  await expect(viewer.locator('img')).toHaveCount(0)
  await page.getByTestId(TID.cellViewerClose).click()

  // And the app keeps working.
  await replaceQuery(page, "SELECT 'still here' AS ok")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(cell(page, 0, 0)).toHaveText('still here')

  expect(dialogs).toEqual([])
  expect(pageErrors).toEqual([])
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()
})
