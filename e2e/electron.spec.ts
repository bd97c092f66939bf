import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, expect, test } from '@playwright/test'
import { electronBinary } from '../scripts/electron-binary.mjs'
import { TID } from '../src/renderer/src/test-ids'
import { sampleExec, sampleRow } from './fixtures/sample-db'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const binary = electronBinary()
const nativeBuilt = existsSync(join(root, 'out', 'native'))
const reason = !binary
  ? "Electron's binary is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same start-up path is covered in browser mode"
  : !nativeBuilt
    ? 'better-sqlite3 has not been built for Electron here: run `node scripts/build-electron-sqlite.mjs` (npm start does it)'
    : ''
if (reason) console.log(`[electron.spec] skipped: ${reason}`)

/** The built app in Electron; saved connections in `dataDir` when given. */
const launch = (dataDir?: string) =>
  electron.launch({
    executablePath: binary ?? undefined,
    args: [join(root, 'out', 'main', 'index.js')],
    cwd: root,
    ...(dataDir ? { env: { ...process.env, QUARRY_DATA_DIR: dataDir } as Record<string, string> } : {}),
  })

test.describe('desktop app (Electron)', () => {
  test.skip(Boolean(reason), reason)

  // Not run where Electron's binary is missing (this repository's CI): the same guards are unit
  // tested with fakes in test/shell, and the scan (npm run security) reads the window's options.
  test('opens its window on the sample database, shown in the tree, locked down', async () => {
    const app = await launch()
    try {
      const window = await app.firstWindow()
      await expect(window.getByTestId(TID.app)).toBeVisible()
      const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined')
      expect(isolated).toBe(true)
      // The page sees the bridge's functions only: no Node, no Electron, no ipcRenderer.
      const exposed = await window.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>
        return { process: typeof g['process'], bridge: Object.keys((g['quarry'] as object) ?? {}).sort() }
      })
      expect(exposed).toEqual({ process: 'undefined', bridge: ['methods', 'onEvent', 'pathForFile'] })
      // window.open is denied, navigating away is refused, and the CSP forbids eval.
      expect(
        await window.evaluate(
          () => (globalThis as unknown as { open(url: string): unknown }).open('https://example.org/') === null,
        ),
      ).toBe(true)
      const home = window.url()
      await window.evaluate(() => {
        ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/'
      })
      await window.waitForTimeout(500)
      expect(window.url()).toBe(home)
      const evalRan = await window.evaluate(() => {
        try {
          return (0, eval)('1 + 1') === 2
        } catch {
          return false
        }
      })
      expect(evalRan).toBe(false)
      const database = window.locator(`[data-testid="${TID.treeNode}"][data-kind="database"]`).first()
      await database.click()
      await window.locator(`[data-testid="${TID.treeNode}"][data-kind="schema"][data-name="main"]`).click()
      await expect(
        window.locator(`[data-testid="${TID.treeNode}"][data-kind="table"][data-name="events"]`),
      ).toBeVisible()
    } finally {
      await app.close()
    }
  })

  test('Browse… opens a CSV chosen in the open dialog as a DuckDB connection; a file URL is never navigated to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-electron-'))
    const csv = join(dir, 'measurements.csv')
    writeFileSync(csv, 'id,city\n1,Oslo\n2,Rio\n')
    const app = await launch(join(dir, 'data'))
    try {
      // The system dialog cannot be driven from a test: main's showOpenDialog answers the file.
      const shown: unknown[] = []
      await app.evaluate(({ dialog }, path) => {
        const answer = { canceled: false, filePaths: [path] }
        const stub = async (...args: unknown[]) => {
          ;(globalThis as unknown as { shownDialogs: unknown[] }).shownDialogs = args
          return answer
        }
        dialog.showOpenDialog = stub as typeof dialog.showOpenDialog
      }, csv)
      const window = await app.firstWindow()
      await window.getByTestId(TID.newConnection).click()
      const dialog = window.getByTestId(TID.connectionDialog)
      await dialog.getByTestId(TID.connectionEngine).selectOption('duckdb')
      await expect(dialog.getByTestId(TID.connectionFileNote)).toHaveCount(0)
      await dialog.getByTestId(TID.connectionFileBrowse).click()
      await expect(dialog.getByTestId(TID.connectionFile)).toHaveValue(csv)
      shown.push(
        ...(await app.evaluate(() => (globalThis as unknown as { shownDialogs?: unknown[] }).shownDialogs ?? [])),
      )
      expect(JSON.stringify(shown)).toContain('"parquet"')
      await dialog.getByTestId(TID.connectionSave).click()
      await expect(dialog).toBeHidden()
      const node = (kind: string, name: string) =>
        window.locator(`[data-testid="${TID.treeNode}"][data-kind="${kind}"][data-name="${name}"]`)
      await node('connection', 'measurements').click()
      await node('database', 'memory').click()
      await node('schema', 'main').click()
      await expect(node('table', 'measurements')).toBeVisible()

      // What a drop the page did not take would do: main refuses to navigate to the file.
      const home = window.url()
      await window.evaluate((url) => {
        ;(globalThis as unknown as { location: { href: string } }).location.href = url
      }, `file://${csv}`)
      await window.waitForTimeout(500)
      expect(window.url()).toBe(home)
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('Import data… reads a CSV chosen in the open dialog where it lies (no upload) into a new table of the sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-e2e-electron-import-'))
    const csv = join(dir, 'visits.csv')
    writeFileSync(csv, 'id,city,day\n1,Oslo,2024-01-31\n2,Rio,2024-02-30\n3,Lima,2024-03-01\n')
    const table = `electron_visits_${Date.now()}`
    const app = await launch(join(dir, 'data'))
    try {
      // The system dialog cannot be driven from a test: main's showOpenDialog answers the file.
      await app.evaluate(({ dialog }, path) => {
        const stub = async () => ({ canceled: false, filePaths: [path] })
        dialog.showOpenDialog = stub as unknown as typeof dialog.showOpenDialog
      }, csv)
      const window = await app.firstWindow()
      const node = (kind: string, name: string) =>
        window.locator(`[data-testid="${TID.treeNode}"][data-kind="${kind}"][data-name="${name}"]`)
      await window.locator(`[data-testid="${TID.treeNode}"][data-kind="database"]`).first().click()
      await node('schema', 'main').click({ button: 'right' })
      await window.getByTestId(TID.contextMenu).locator('[data-item="import-data"]').click()
      const dialog = window.getByTestId(TID.importDialog)
      await dialog.getByTestId(TID.importChoose).click()
      // The path is read by main where it lies: nothing is uploaded, the name shows with its size.
      await expect(dialog).toContainText('visits.csv')
      await dialog.getByTestId(TID.importAnalyse).click()
      await expect(dialog.getByTestId(TID.importSummary)).toHaveAttribute('data-rows', '3', { timeout: 30_000 })
      await dialog.getByTestId(TID.importTable).fill(table)
      await dialog.getByTestId(TID.importRun).click()
      const result = dialog.getByTestId(TID.importResult)
      await expect(result).toHaveAttribute('data-written', '2', { timeout: 30_000 })
      await expect(result).toHaveAttribute('data-rejected', '1')
      expect(sampleRow(`SELECT group_concat(city, ',') AS cities FROM "${table}"`)['cities']).toBe('Oslo,Lima')
    } finally {
      await app.close()
      sampleExec(`DROP TABLE IF EXISTS "${table}"`)
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
