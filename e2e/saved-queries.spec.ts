import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery } from './fixtures/actions'
import { expect, startServer, test } from './fixtures/browser-mode'
import type { QuarryServer } from './fixtures/browser-mode'

const stop = async (server: QuarryServer): Promise<void> => {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGTERM')
  await exited
}

const savedQuery = (page: Page, name: string) => page.locator(`[data-testid="${TID.savedQuery}"][data-name="${name}"]`)
const activeTab = (page: Page) => page.locator(`[data-testid="${TID.tab}"][aria-selected="true"]`)
const activeEditorText = (page: Page) =>
  activePanel(page)
    .getByTestId(TID.editor)
    .locator('.cm-content')
    .evaluate((node) => [...node.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'))

test('saved queries: listed from --queries-dir, opened into tabs, saved and saved as .sql files with the connection, across a restart', async ({
  page,
}) => {
  const base = mkdtempSync(join(tmpdir(), 'quarry-e2e-queries-'))
  const folder = join(base, 'queries')
  mkdirSync(join(folder, 'shop'), { recursive: true })
  writeFileSync(
    join(folder, 'shop', 'orders.sql'),
    '-- quarry: connection=Sample database; database=sample\nSELECT id\nFROM orders\nLIMIT 3;',
  )
  writeFileSync(join(base, 'outside.sql'), 'SELECT 666')
  symlinkSync(join(base, 'outside.sql'), join(folder, 'link.sql'))
  let server = await startServer(undefined, ['--queries-dir', folder])
  const { dataDir } = server
  try {
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.app)).toBeVisible()
    // The folder's .sql files, subfolders included; a symbolic link to a file outside is not listed.
    await expect(page.getByTestId(TID.savedQuery)).toHaveCount(1)
    await expect(savedQuery(page, 'shop/orders.sql')).toContainText('orders.sql')

    // Opened into a tab named after it, on the connection its header names; no unsaved marker.
    await savedQuery(page, 'shop/orders.sql').click()
    await expect(activeTab(page)).toHaveAttribute('data-title', 'orders')
    await expect(activeTab(page)).toHaveAttribute('data-connection', 'Sample database')
    expect(await activeEditorText(page)).toBe('SELECT id\nFROM orders\nLIMIT 3;')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(0)
    await page.getByTestId(TID.runButton).click()
    await expect(activePanel(page).getByTestId(TID.statusRows)).toContainText('3')

    // Typing marks it unsaved; Ctrl/Cmd+S writes the file (header kept) and clears the marker.
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText('\n-- checked')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(1)
    await page.keyboard.press('ControlOrMeta+s')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(0)
    expect(readFileSync(join(folder, 'shop', 'orders.sql'), 'utf8')).toBe(
      '-- quarry: connection=Sample database; database=sample\nSELECT id\nFROM orders\nLIMIT 3;\n-- checked',
    )

    // A new tab: Ctrl/Cmd+S asks for a name (.sql added), lists the file and names the tab after it.
    await newQuery(page, 'SELECT 42 AS answer')
    await page.keyboard.press('ControlOrMeta+s')
    const dialog = page.getByTestId(TID.saveQueryDialog)
    await expect(dialog).toBeVisible()
    await dialog.getByTestId(TID.saveQueryName).fill('../escape')
    await dialog.getByTestId(TID.saveQueryConfirm).click()
    await expect(dialog.getByTestId(TID.saveQueryError)).toContainText('inside the queries folder')
    await dialog.getByTestId(TID.saveQueryName).fill('daily')
    await dialog.getByTestId(TID.saveQueryConfirm).click()
    await expect(dialog).toBeHidden()
    await expect(activeTab(page)).toHaveAttribute('data-title', 'daily')
    await expect(savedQuery(page, 'daily.sql')).toBeVisible()
    expect(readFileSync(join(folder, 'daily.sql'), 'utf8')).toBe(
      '-- quarry: connection=Sample database\nSELECT 42 AS answer',
    )

    // Save as onto a taken name asks before replacing it.
    await newQuery(page, 'SELECT 43 AS replaced')
    await activePanel(page).getByTestId(TID.saveQueryAs).click()
    await dialog.getByTestId(TID.saveQueryName).fill('daily.sql')
    await dialog.getByTestId(TID.saveQueryConfirm).click()
    await expect(dialog).toContainText('daily.sql already exists. Replace it?')
    expect(readFileSync(join(folder, 'daily.sql'), 'utf8')).toContain('SELECT 42')
    await dialog.getByTestId(TID.saveQueryConfirm).click()
    await expect(dialog).toBeHidden()
    expect(readFileSync(join(folder, 'daily.sql'), 'utf8')).toContain('SELECT 43 AS replaced')
    // No temporary file is left in the folder.
    expect(readdirSync(folder).sort()).toEqual(['daily.sql', 'link.sql', 'shop'])

    // An unsaved edit survives a restart (journaled), still marked unsaved, and Save still goes to its file.
    await savedQuery(page, 'shop/orders.sql').click()
    await expect(activeTab(page)).toHaveAttribute('data-title', 'orders')
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText(' again')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(1)
    await expect.poll(() => readFileSync(join(dataDir, 'query-tabs.json'), 'utf8')).toContain('-- checked again')
    await stop(server)
    server = await startServer(dataDir, ['--queries-dir', folder])
    await page.goto(await server.nextLink())
    await expect(activeTab(page)).toHaveAttribute('data-title', 'orders')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(1)
    expect(await activeEditorText(page)).toContain('-- checked again')
    await activePanel(page).getByTestId(TID.saveQuery).click()
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(0)
    expect(readFileSync(join(folder, 'shop', 'orders.sql'), 'utf8')).toMatch(/-- checked again$/)

    // A file tab closed with unsaved text (middle-click) comes back from the ↶ list, still marked and tied to its file.
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText(' and closed')
    await activeTab(page).click({ button: 'middle' })
    await expect(page.locator(`[data-testid="${TID.tab}"][data-title="orders"]`)).toHaveCount(0)
    await page.getByTestId(TID.closedTabsButton).click()
    const reopen = page.getByTestId(TID.contextMenu).getByRole('menuitem', { name: /^orders — / })
    await expect(reopen).toContainText('shop/orders.sql · SELECT id')
    await reopen.click()
    await expect(activeTab(page)).toHaveAttribute('data-title', 'orders')
    await expect(activeTab(page).getByTestId(TID.tabUnsaved)).toHaveCount(1)
    await page.keyboard.press('ControlOrMeta+s')
    await expect(page.getByTestId(TID.tabUnsaved)).toHaveCount(0)
    expect(readFileSync(join(folder, 'shop', 'orders.sql'), 'utf8')).toMatch(/-- checked again and closed$/)
  } finally {
    await stop(server)
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(base, { recursive: true, force: true })
  }
})

const SHOTS = process.env['QUARRY_SHOTS_DIR']

test('the saved queries section and the recently closed list fit at 1024×700 and 1440×900, light and dark', async ({
  page,
}) => {
  const base = mkdtempSync(join(tmpdir(), 'quarry-e2e-queries-'))
  const folder = join(base, 'queries')
  mkdirSync(join(folder, 'reports'), { recursive: true })
  const header = '-- quarry: connection=Sample database; database=sample\n'
  writeFileSync(join(folder, 'top customers.sql'), `${header}SELECT name FROM customers LIMIT 10;`)
  writeFileSync(join(folder, 'orders by month.sql'), `${header}SELECT 1;`)
  writeFileSync(join(folder, 'reports', 'monthly revenue by category and region.sql'), `${header}SELECT 2;`)
  writeFileSync(join(folder, 'reports', 'stock.sql'), `${header}SELECT 3;`)
  const server = await startServer(undefined, ['--queries-dir', folder])
  try {
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.savedQuery)).toHaveCount(4)
    await savedQuery(page, 'top customers.sql').click()
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText('\n-- edited')
    await newQuery(page, "SELECT 'closed one' AS closed_query")
    await newQuery(page, 'SELECT count(*) FROM orders')
    const tabs = page.getByTestId(TID.tab)
    await tabs.nth(1).click({ button: 'middle' })
    await tabs.nth(1).getByRole('button').click()
    await expect(tabs).toHaveCount(1)
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId(TID.themeSwitch).selectOption(theme)
      for (const [width, height] of [
        [1024, 700],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height })
        const section = page.getByTestId(TID.savedQueries)
        await expect(section).toBeInViewport({ ratio: 1 })
        await expect(page.getByTestId(TID.tabUnsaved)).toBeVisible()
        // Each short name is shown whole (the long one may end in an ellipsis, its tooltip whole).
        const clipped = await page
          .locator(`[data-testid="${TID.savedQuery}"]:not([data-name*="monthly"]) .saved-query-name`)
          .evaluateAll((nodes) => nodes.filter((node) => node.scrollWidth > node.clientWidth).length)
        expect(clipped).toBe(0)
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/saved-queries-${width}x${height}-${theme}.png` })
        await page.getByTestId(TID.closedTabsButton).click()
        const menu = page.getByTestId(TID.contextMenu)
        await expect(menu.getByRole('menuitem')).toHaveCount(2)
        await expect(menu).toBeInViewport({ ratio: 1 })
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/closed-tabs-${width}x${height}-${theme}.png` })
        await page.keyboard.press('Escape')
        await expect(menu).toBeHidden()
      }
    }
  } finally {
    await stop(server)
    rmSync(server.dataDir, { recursive: true, force: true })
    rmSync(base, { recursive: true, force: true })
  }
})
