import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, expandSampleSchema, newQuery, treeNode } from './fixtures/actions'
import { expect, startServer, test } from './fixtures/browser-mode'
import type { QuarryServer } from './fixtures/browser-mode'

const stop = async (server: QuarryServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill(signal)
  await exited
}

/** The text of every editor, in tab order, line by line (hidden tabs included). */
const editorTexts = (page: Page) =>
  page
    .locator(`[data-testid="${TID.editor}"] .cm-content`)
    .evaluateAll((nodes) =>
      nodes.map((node) => [...node.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n')),
    )

const tabsFile = (dataDir: string): string => {
  const file = join(dataDir, 'query-tabs.json')
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

/** Runs `body` against a fresh server over its own data directory, removed afterwards. */
async function withServer(page: Page, body: (server: { current: QuarryServer }) => Promise<void>): Promise<void> {
  const server = { current: await startServer() }
  const { dataDir } = server.current
  try {
    await page.goto(await server.current.nextLink())
    await expect(page.getByTestId(TID.app)).toBeVisible()
    await body(server)
  } finally {
    await stop(server.current)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Stops the server (SIGKILL or SIGTERM), starts a new one over the same data directory and opens it. */
async function restart(page: Page, server: { current: QuarryServer }, signal: NodeJS.Signals): Promise<void> {
  await stop(server.current, signal)
  server.current = await startServer(server.current.dataDir)
  await page.goto(await server.current.nextLink())
  await expect(page.getByTestId(TID.app)).toBeVisible()
}

test('typing is on disk within a second: SIGKILL while typing loses at most the last second', async ({ page }) => {
  await withServer(page, async (server) => {
    await newQuery(page, '-- ')
    // Keys 40 ms apart for 3 s: typing never pauses long enough for a save "once typing stops".
    const typed: Array<{ at: number; text: string }> = []
    let text = '-- '
    const began = Date.now()
    for (let i = 0; Date.now() - began < 3000; i++) {
      const key = String.fromCharCode(97 + (i % 26))
      await page.keyboard.press(key)
      text += key
      typed.push({ at: Date.now(), text })
      await page.waitForTimeout(40)
    }
    const killedAt = Date.now()
    await stop(server.current, 'SIGKILL')
    const secondBefore = typed.filter((key) => key.at <= killedAt - 1000).at(-1)!
    console.log(
      `[never-lose-work] typed ${text.length} characters; a second before the kill: ${secondBefore.text.length}`,
    )

    server.current = await startServer(server.current.dataDir)
    await page.goto(await server.current.nextLink())
    await expect(page.getByTestId(TID.tab)).toHaveCount(1)
    const [restored] = await editorTexts(page)
    console.log(`[never-lose-work] restored ${restored!.length} characters`)
    // What was typed up to a second before the kill is there (and nothing that was not typed).
    expect(text.startsWith(restored!)).toBe(true)
    expect(restored!.length).toBeGreaterThanOrEqual(secondBefore.text.length)
  })
})

test('a closed tab is never lost: middle-click, ×, Ctrl+Shift+T and the recently closed list, across a restart', async ({
  page,
}) => {
  await withServer(page, async (server) => {
    await newQuery(page, 'SELECT 1 AS kept_one')
    await newQuery(page, 'SELECT 2 AS kept_two')
    await newQuery(page, 'SELECT 3 AS kept_three')
    const tabs = page.getByTestId(TID.tab)
    await expect(page.getByTestId(TID.closedTabsButton)).toBeDisabled()

    // Middle-click closes the middle tab; Ctrl/Cmd+Shift+T puts it back where it stood, text and name.
    await tabs.nth(1).click({ button: 'middle' })
    await expect(tabs).toHaveCount(2)
    await page.keyboard.press('ControlOrMeta+Shift+T')
    await expect(tabs).toHaveCount(3)
    await expect(tabs.nth(1)).toHaveAttribute('data-title', 'Query 2')
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true')
    await expect(activePanel(page).getByTestId(TID.editor)).toContainText('kept_two')

    // Two closed with ×: the list names both, most recent first; a pick reopens that one.
    await tabs.nth(0).getByRole('button').click()
    await tabs.nth(1).getByRole('button').click()
    await expect(tabs).toHaveCount(1)
    await page.getByTestId(TID.closedTabsButton).click()
    const menu = page.getByTestId(TID.contextMenu)
    await expect(menu.getByRole('menuitem')).toHaveText([
      /^Query 3 — .*SELECT 3 AS kept_three$/,
      /^Query 1 — .*kept_one$/,
    ])
    await menu.getByRole('menuitem', { name: /Query 1/ }).click()
    await expect(tabs).toHaveCount(2)
    await expect(activePanel(page).getByTestId(TID.editor)).toContainText('kept_one')

    // The closed list survives a restart: Query 3 comes back after it.
    const closedOnDisk = () =>
      (JSON.parse(tabsFile(server.current.dataDir) || '{}').closed ?? []).map((t: { sql?: string }) => t.sql)
    await expect.poll(closedOnDisk).toEqual(['SELECT 3 AS kept_three'])
    await restart(page, server, 'SIGTERM')
    await expect(tabs).toHaveCount(2)
    await page.keyboard.press('ControlOrMeta+Shift+T')
    await expect(tabs).toHaveCount(3)
    expect((await editorTexts(page)).sort()).toEqual([
      'SELECT 1 AS kept_one',
      'SELECT 2 AS kept_two',
      'SELECT 3 AS kept_three',
    ])
  })
})

test('table tabs come back with the query tabs after a reload and a restart, in their view', async ({ page }) => {
  await withServer(page, async (server) => {
    await newQuery(page, 'SELECT 42 AS beside_tables')
    await expandSampleSchema(page)
    await treeNode(page, 'table', 'orders').click()
    await activePanel(page).getByTestId(TID.viewToggleStructure).click()
    await treeNode(page, 'table', 'customers').click()
    await expect(activePanel(page).getByTestId(TID.dataView)).toBeVisible()
    const titles = () => page.getByTestId(TID.tab).evaluateAll((nodes) => nodes.map((n) => n.dataset['title']))
    expect(await titles()).toEqual(['Query 1', 'orders', 'customers'])
    await expect.poll(() => tabsFile(server.current.dataDir)).toContain('"customers"')

    await page.reload()
    await expect(page.getByTestId(TID.tab)).toHaveCount(3)
    expect(await titles()).toEqual(['Query 1', 'orders', 'customers'])
    // The active tab is the customers table, its rows loaded again.
    await expect(page.getByTestId(TID.tab).nth(2)).toHaveAttribute('aria-selected', 'true')
    await expect(activePanel(page).getByTestId(TID.gridCell).first()).toBeVisible()

    await restart(page, server, 'SIGKILL')
    await expect(page.getByTestId(TID.tab)).toHaveCount(3)
    expect(await titles()).toEqual(['Query 1', 'orders', 'customers'])
    await page.getByTestId(TID.tab).nth(1).click()
    await expect(activePanel(page).getByTestId(TID.structureView)).toBeVisible()
    await expect(activePanel(page).getByTestId(TID.structureColumns)).toContainText('customer_id')
    expect(await editorTexts(page)).toEqual(['SELECT 42 AS beside_tables'])
  })
})

test('when the disk refuses the tabs journal the page says so, keeps the text, and saves it once the disk takes it again', async ({
  page,
}) => {
  await withServer(page, async (server) => {
    const { dataDir } = server.current
    await newQuery(page, 'SELECT 1 AS before_refusal')
    await expect.poll(() => tabsFile(dataDir)).toContain('before_refusal')
    // The data directory replaced by a file: every write of the journal fails (even for root).
    rmSync(dataDir, { recursive: true, force: true })
    writeFileSync(dataDir, 'not a folder')
    await page.keyboard.insertText(' -- while refused')
    const notice = page.getByTestId(TID.tabsSaveProblem)
    await expect(notice).toContainText('Query tabs are not being saved: Could not save query-tabs.json')
    await expect(activePanel(page).getByTestId(TID.editor)).toContainText('while refused')
    rmSync(dataDir, { force: true })
    mkdirSync(dataDir)
    await page.keyboard.insertText(' -- taken again')
    await expect(notice).toBeHidden()
    await expect.poll(() => tabsFile(dataDir)).toContain('SELECT 1 AS before_refusal -- while refused -- taken again')
  })
})
