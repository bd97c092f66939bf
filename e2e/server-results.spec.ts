import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'
import { scanCsv } from './fixtures/csv-file'

const ENGINES = [
  {
    label: 'postgres',
    url: process.env['QUARRY_E2E_POSTGRES_URL'],
    version: /PostgreSQL \d+/,
    bigTable: 'public.big',
    firstBig: '9223372036',
  },
  {
    label: 'mariadb',
    url: process.env['QUARRY_E2E_MYSQL_URL'],
    version: /MariaDB|MySQL|\d+\.\d+/,
    bigTable: 'quarry_e2e.big',
    firstBig: '18446744073',
  },
]

for (const engine of ENGINES) {
  if (!engine.url)
    console.log(`[server-results.spec] ${engine.label} skipped: no ${engine.label} server for the e2e run`)
  test.describe(`results on ${engine.label}`, () => {
    test.skip(!engine.url, `no ${engine.label} server for the e2e run`)

    test('copy a range, sort loaded rows, export 100,000 rows to CSV', async ({ app: page }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      // Its own name: other specs of the same worker add their own connection to this server.
      const name = `results ${engine.label}`
      await addConnection(page, engine.url!, name, engine.version)
      await queryOn(page, name, `SELECT id, big FROM ${engine.bigTable} WHERE id <= 100000 ORDER BY id`)
      await page.keyboard.press('ControlOrMeta+Enter')
      await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })

      await cell(page, 0, 0).click()
      await cell(page, 1, 1).click({ modifiers: ['Shift'] })
      await page.keyboard.press('ControlOrMeta+c')
      await expect
        .poll(() => page.evaluate<string>('navigator.clipboard.readText()'))
        .toMatch(new RegExp(`^1\\t${engine.firstBig}\\d*\\r\\n2\\t`))

      await activePanel(page).getByTestId(TID.gridHeader).nth(0).click()
      await activePanel(page).getByTestId(TID.gridHeader).nth(0).click()
      await expect(activePanel(page).getByTestId(TID.gridViewStatus)).toContainText('sorted by id ↓')
      await expect(cell(page, 0, 0)).toHaveText('100000')

      const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-export-'))
      try {
        const path = join(dir, 'big.csv')
        await activePanel(page).getByTestId(TID.exportButton).click()
        const panel = activePanel(page).getByTestId(TID.exportPanel)
        await panel.getByTestId(TID.exportDestination).selectOption('path')
        await panel.getByTestId(TID.exportPath).fill(path)
        await panel.getByTestId(TID.exportStart).click()
        await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
        const { records, kept } = await scanCsv(path, [0, 1])
        expect(records).toBe(100_001)
        expect(kept.get(0)).toEqual(['id', 'big'])
        expect(kept.get(1)![0]).toBe('1')
        expect(kept.get(1)![1]!.startsWith(engine.firstBig)).toBe(true)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
