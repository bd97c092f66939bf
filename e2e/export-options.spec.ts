import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery, status } from './fixtures/actions'
import { sampleRow } from './fixtures/sample-db'
import { expect, test } from './fixtures/browser-mode'

const SHOTS = process.env['QUARRY_SHOTS_DIR']

/** Runs the query to its end and opens the export dialog. */
async function openExport(page: Page, sql: string) {
  await newQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
  await activePanel(page).getByTestId(TID.exportButton).click()
  return activePanel(page).getByTestId(TID.exportPanel)
}

/** Clicks Download and answers the file the browser saved, as bytes. */
async function download(page: Page, panel: ReturnType<typeof activePanel>): Promise<{ name: string; bytes: Buffer }> {
  const started = page.waitForEvent('download')
  await panel.getByTestId(TID.exportStart).click()
  const file = await started
  const path = await file.path()
  await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done')
  return { name: file.suggestedFilename(), bytes: readFileSync(path) }
}

test('CSV options reach a real browser download, streamed from the server', async ({ app: page }) => {
  const panel = await openExport(
    page,
    `SELECT 1 AS id, 'a;b' AS t, NULL AS n, '' AS e, 'é' AS u UNION ALL SELECT 9223372036854775807, 'x"y', 'NULL', 'z', 'line\nbreak'`,
  )
  await expect(panel.getByTestId(TID.exportDestination)).toHaveValue('download')
  await expect(panel.getByTestId(TID.exportPath)).toHaveCount(0)
  await panel.getByTestId(TID.exportDelimiter).selectOption(';')
  await panel.getByTestId(TID.exportNullText).fill('NULL')
  await panel.getByTestId(TID.exportLineEnding).selectOption('lf')
  await panel.getByTestId(TID.exportBom).check()
  const { name, bytes } = await download(page, panel)
  expect(name).toBe('result.csv')
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.subarray(3).toString('utf8')).toBe(
    'id;t;n;e;u\n1;"a;b";NULL;"";é\n9223372036854775807;"x""y";"NULL";z;"line\nbreak"\n',
  )

  // No header, single quote, tab: the same dialog, another file.
  await panel.getByTestId(TID.exportHeader).uncheck()
  await panel.getByTestId(TID.exportQuote).selectOption("'")
  await panel.getByTestId(TID.exportDelimiter).selectOption('\t')
  await panel.getByTestId(TID.exportBom).uncheck()
  const second = await download(page, panel)
  expect(second.bytes.toString('utf8')).toBe(
    "1\ta;b\tNULL\t''\té\n9223372036854775807\tx\"y\t'NULL'\tz\t'line\nbreak'\n",
  )
})

test('SQL INSERT names the source table from the result, batched per statement; unknown is said', async ({
  app: page,
}) => {
  const panel = await openExport(page, 'SELECT id, first_name AS who FROM customers ORDER BY id LIMIT 3')
  await panel.getByTestId(TID.exportFormat).selectOption('sql')
  await expect(panel.getByTestId(TID.exportTable)).toHaveText('INSERT INTO "main"."customers"')
  await panel.getByTestId(TID.exportRowsPerInsert).fill('2')
  const { name, bytes } = await download(page, panel)
  expect(name).toBe('result.sql')
  const names = [1, 2, 3].map((id) =>
    String(sampleRow(`SELECT first_name FROM customers WHERE id = ${id}`)['first_name']),
  )
  expect(bytes.toString('utf8')).toBe(
    `INSERT INTO "main"."customers" ("id", "first_name") VALUES\n  (1, '${names[0]}'),\n  (2, '${names[1]}');\n` +
      `INSERT INTO "main"."customers" ("id", "first_name") VALUES\n  (3, '${names[2]}');\n`,
  )

  const other = await openExport(page, 'SELECT count(*) AS n FROM customers')
  await other.getByTestId(TID.exportFormat).selectOption('sql')
  await expect(other.getByTestId(TID.exportTable)).toHaveAttribute('data-known', 'false')
  await expect(other.getByTestId(TID.exportTable)).toContainText('Source table unknown')
  await expect(other.getByTestId(TID.exportTable)).toContainText('my_table')
})

test('aborting the browser download cancels the export on the server', async ({ app: page }) => {
  // A million rows: the download is still streaming when it is aborted.
  await newQuery(page, 'SELECT * FROM events ORDER BY id')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(activePanel(page).getByTestId(TID.exportButton)).toBeVisible()
  const cancel = activePanel(page).getByTestId(TID.cancelButton)
  if (await cancel.isEnabled()) await cancel.click().catch(() => {})
  await activePanel(page).getByTestId(TID.exportButton).click()
  const big = activePanel(page).getByTestId(TID.exportPanel)
  const started = page.waitForEvent('download')
  await big.getByTestId(TID.exportStart).click()
  const file = await started
  const exportStatus = big.getByTestId(TID.exportStatus)
  await expect(exportStatus).toHaveAttribute('data-status', 'running')
  await file.cancel()
  await expect(exportStatus).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 })
  expect(Number(await exportStatus.getAttribute('data-rows'))).toBeLessThan(1_000_000)
  expect(await file.failure()).toBe('canceled')
})

test('export dialog screenshots (1024×700, 1440×900; light, dark)', async ({ app: page }) => {
  const panel = await openExport(page, 'SELECT id, first_name, email FROM customers ORDER BY id LIMIT 50')
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (const format of ['csv', 'sql'] as const) {
        await panel.getByTestId(TID.exportFormat).selectOption(format)
        await expect(panel).toBeInViewport({ ratio: 1 })
        const overflow = await panel.evaluate((node) => node.scrollWidth - node.clientWidth)
        expect(overflow).toBeLessThanOrEqual(0)
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/export-${format}-${width}x${height}-${theme}.png` })
      }
    }
  }
})
