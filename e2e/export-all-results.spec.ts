import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

let dir: string
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-export-all-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('export every result of a script, one CSV file per result', async ({ app: page }) => {
  await newQuery(
    page,
    'SELECT id, event_type FROM events WHERE id <= 3 ORDER BY id;\n' +
      'SELECT count(*) AS n FROM events WHERE id <= 1000;\n' +
      "SELECT 'a,b' AS text, NULL AS missing",
  )
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await activePanel(page).getByTestId(TID.exportButton).click()
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await expect(panel.getByTestId(TID.exportAllResults)).toBeVisible()
  await expect(panel).toContainText('Every result (3 files)')
  await panel.getByTestId(TID.exportAllResults).check()
  await panel.getByTestId(TID.exportPath).fill(join(dir, 'script.csv'))
  await panel.getByTestId(TID.exportStart).click()
  const exportStatus = panel.getByTestId(TID.exportStatus)
  await expect(exportStatus).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(exportStatus).toContainText('to 3 files')
  await expect(exportStatus).toHaveAttribute('data-rows', '5')

  expect(readdirSync(dir).sort()).toEqual(['script-1.csv', 'script-2.csv', 'script-3.csv'])
  const first = readFileSync(join(dir, 'script-1.csv'), 'utf8').split('\r\n')
  expect(first[0]).toBe('id,event_type')
  expect(first.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3'])
  expect(readFileSync(join(dir, 'script-2.csv'), 'utf8')).toBe('n\r\n1000\r\n')
  expect(readFileSync(join(dir, 'script-3.csv'), 'utf8')).toBe('text,missing\r\n"a,b",\r\n')
})
