import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, newQuery } from './fixtures/actions'
import { expect, startServer, test } from './fixtures/browser-mode'
import type { QuarryServer } from './fixtures/browser-mode'

const stop = async (server: QuarryServer): Promise<void> => {
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGTERM')
  await exited
}

/** Waits until the debounced save has put `text` in the data directory's tabs file. */
const savedContains = async (dataDir: string, text: string): Promise<void> => {
  const file = join(dataDir, 'query-tabs.json')
  await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : '')).toContain(text)
}

/** The text of every editor, in tab order, line by line (hidden tabs included). */
const editorTexts = (page: Page) =>
  page
    .locator(`[data-testid="${TID.editor}"] .cm-content`)
    .evaluateAll((nodes) =>
      nodes.map((node) => [...node.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n')),
    )

test('query tabs and their SQL come back after a reload and after the app restarts', async ({ page }) => {
  let server = await startServer()
  const { dataDir } = server
  try {
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.app)).toBeVisible()
    await newQuery(page, 'SELECT 1 AS first_tab')
    await newQuery(page, "SELECT 'second'\nFROM customers -- ✓")
    await page.getByTestId(TID.tab).nth(0).click()
    await savedContains(dataDir, 'FROM customers -- ✓')

    await page.reload()
    await expect(page.getByTestId(TID.tab)).toHaveCount(2)
    expect(await editorTexts(page)).toEqual(['SELECT 1 AS first_tab', "SELECT 'second'\nFROM customers -- ✓"])
    // The tab that was active is active again.
    await expect(activePanel(page).getByTestId(TID.editor)).toContainText('first_tab')

    // A new server process over the same data directory: a restart of the app.
    await stop(server)
    server = await startServer(dataDir)
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.tab)).toHaveCount(2)
    await expect(page.getByTestId(TID.tab).nth(1)).toHaveAttribute('data-title', 'Query 2')
    expect(await editorTexts(page)).toEqual(['SELECT 1 AS first_tab', "SELECT 'second'\nFROM customers -- ✓"])

    // Closing a tab is remembered too.
    await page.getByTestId(TID.tab).nth(0).getByRole('button').click()
    await expect.poll(() => JSON.parse(readFileSync(join(dataDir, 'query-tabs.json'), 'utf8')).tabs.length).toBe(1)
    await page.reload()
    await expect(page.getByTestId(TID.tab)).toHaveCount(1)
  } finally {
    await stop(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
