import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { scanCsv } from './fixtures/csv-file'
import { sampleRow } from './fixtures/sample-db'

const ALL_EVENTS = 'SELECT * FROM events ORDER BY id'

/** The renderer's JS heap after a full garbage collection, in bytes (Chromium's CDP). */
async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize
}

/** Resident memory of a process in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : 0
}

/** Runs the query, stops it once its first rows are shown (the grid need not hold them), opens Export. */
async function openExport(page: Page, sql: string): Promise<void> {
  await newQuery(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(activePanel(page).getByTestId(TID.exportButton)).toBeVisible()
  const cancel = activePanel(page).getByTestId(TID.cancelButton)
  if (await cancel.isEnabled()) await cancel.click().catch(() => {}) // it may end on its own meanwhile
  await expect(status(page)).not.toHaveAttribute('data-status', 'running')
  await activePanel(page).getByTestId(TID.exportButton).click()
}

let dir: string
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-export-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('export 1,000,000 rows to CSV from main, with progress, without growing the renderer', async ({
  app: page,
  quarry,
}) => {
  test.setTimeout(300_000)
  await openExport(page, ALL_EVENTS)
  const before = await heapUsed(page)
  const path = join(dir, 'events.csv')
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await panel.getByTestId(TID.exportPath).fill(path)
  const started = Date.now()
  await panel.getByTestId(TID.exportStart).click()
  const exportStatus = panel.getByTestId(TID.exportStatus)
  await expect(exportStatus).toHaveAttribute('data-status', 'running')
  // Progress: the rows-written count moves while the export runs. Main's memory is sampled meanwhile.
  let peakRss = 0
  let sawProgress = false
  while ((await exportStatus.getAttribute('data-status')) === 'running') {
    peakRss = Math.max(peakRss, rssOf(quarry.process.pid!))
    const rows = Number(await exportStatus.getAttribute('data-rows'))
    if (rows > 0 && rows < 1_000_000) sawProgress = true
    await page.waitForTimeout(250)
  }
  const seconds = (Date.now() - started) / 1000
  await expect(exportStatus).toHaveAttribute('data-status', 'done')
  await expect(exportStatus).toHaveAttribute('data-rows', '1000000')
  expect(sawProgress).toBe(true)
  const after = await heapUsed(page)

  const header = Object.keys(sampleRow('SELECT * FROM events WHERE id = 1'))
  const { records, kept } = await scanCsv(path, [0, 1, 500_000])
  expect(records).toBe(1_000_001)
  expect(kept.get(0)).toEqual(header)
  const expected = sampleRow('SELECT * FROM events WHERE id = 500000')
  const row = kept.get(500_000)!
  expect(row[0]).toBe('500000')
  expect(row[header.indexOf('trace_id')]).toBe(String(expected['trace_id']))
  expect(row[header.indexOf('event_type')]).toBe(expected['event_type'])
  expect(row[header.indexOf('payload')]).toBe(expected['payload'])
  expect(row[header.indexOf('label')]).toBe(expected['label'] ?? null)
  const checksum = expected['checksum'] as Buffer | null
  expect(row[header.indexOf('checksum')]).toBe(checksum ? `\\x${checksum.toString('hex')}` : null)
  // Row 1 has a trace_id beyond 2^53: every digit is in the file.
  expect(kept.get(1)![header.indexOf('trace_id')]).toBe(
    String(sampleRow('SELECT trace_id FROM events WHERE id = 1')['trace_id']),
  )
  expect(readdirSync(dir)).toEqual(['events.csv'])

  const mib = (bytes: number) => (bytes / 1048576).toFixed(1)
  console.log(
    `[measure] export 1,000,000 rows to CSV: ${seconds.toFixed(1)} s, ${mib(readFileSync(path).length)} MiB file, ` +
      `main peak RSS ${mib(peakRss)} MiB, renderer heap ${mib(before)} → ${mib(after)} MiB`,
  )
  // The rows never pass through the renderer: its heap does not grow with a 1M-row file.
  expect(after - before).toBeLessThan(16 * 1048576)
})

test('cancel an export: no file is left under the chosen name', async ({ app: page }) => {
  await openExport(page, ALL_EVENTS)
  const path = join(dir, 'cancelled.json')
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await panel.getByTestId(TID.exportFormat).selectOption('json')
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await panel.getByTestId(TID.exportPath).fill(path)
  await panel.getByTestId(TID.exportStart).click()
  const exportStatus = panel.getByTestId(TID.exportStatus)
  await expect.poll(async () => Number(await exportStatus.getAttribute('data-rows'))).toBeGreaterThan(0)
  await panel.getByTestId(TID.exportCancel).click()
  await expect(exportStatus).toHaveAttribute('data-status', 'cancelled')
  await expect(exportStatus).toContainText('no file was left')
  expect(existsSync(path)).toBe(false)
  expect(readdirSync(dir)).toEqual([])
})

test('a bad export path is refused with a clear message', async ({ app: page }) => {
  await openExport(page, 'SELECT 1 AS one')
  const panel = activePanel(page).getByTestId(TID.exportPanel)
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await panel.getByTestId(TID.exportPath).fill('relative/file.csv')
  await panel.getByTestId(TID.exportStart).click()
  await expect(panel.getByTestId(TID.exportStatus)).toHaveAttribute('data-status', 'error')
  await expect(panel.getByTestId(TID.exportStatus)).toContainText('must be absolute')
  await panel.getByTestId(TID.exportDestination).selectOption('path')
  await panel.getByTestId(TID.exportPath).fill(join(dir, 'nope', 'file.csv'))
  await panel.getByTestId(TID.exportStart).click()
  await expect(panel.getByTestId(TID.exportStatus)).toContainText('folder does not exist')
})
