import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, expandSampleSchema, treeNode } from './fixtures/actions'
import { expect, startServer, test } from './fixtures/browser-mode'
import type { QuarryServer } from './fixtures/browser-mode'

const box = (page: Page, name: string) =>
  activePanel(page).locator(`[data-testid="${TID.erTable}"][data-table="${name}"]`)
/** Where earlier versions kept the sample schema's places (the renderer's storage). */
const LEGACY_KEY = `quarry.er:${JSON.stringify(['sample', 'sample', 'main'])}`

async function stop(server: QuarryServer): Promise<void> {
  if (server.process.exitCode !== null) return
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGTERM')
  await exited
}

const savedLayout = (dataDir: string): string => {
  const file = join(dataDir, 'er-layouts.json')
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

test('ER layout: a layout from the renderer storage moves to main once; a dragged box is kept across an app restart', async ({
  page,
}) => {
  test.setTimeout(120_000)
  let server = await startServer()
  const { dataDir } = server
  try {
    await page.goto(await server.nextLink())
    await expect(page.getByTestId(TID.app)).toBeVisible()
    // As an earlier version left it: customers placed by hand, in the renderer's storage only.
    await page.evaluate(`localStorage.setItem(${JSON.stringify(LEGACY_KEY)}, '{"customers":[777,555]}')`)

    await expandSampleSchema(page)
    await treeNode(page, 'schema', 'main').click({ button: 'right' })
    await page.getByTestId(TID.contextMenu).locator('[data-item="er-diagram"]').click()
    await expect(box(page, 'customers')).toHaveAttribute('transform', 'translate(777,555)')
    await expect(activePanel(page).getByTestId(TID.erStatus)).not.toContainText('Laying out')
    // Moved to main's state file, and gone from the renderer's storage.
    await expect.poll(() => savedLayout(dataDir)).toContain('"customers"')
    expect(await page.evaluate(`localStorage.getItem(${JSON.stringify(LEGACY_KEY)})`)).toBeNull()

    // Drag a box by its header; main keeps where it was left.
    await activePanel(page).getByTestId(TID.erFit).click()
    const header = box(page, 'payments').locator('.er-box-head')
    const at = (await header.boundingBox())!
    await page.mouse.move(at.x + 20, at.y + 10)
    await page.mouse.down()
    await page.mouse.move(at.x + 80, at.y + 70, { steps: 5 })
    await page.mouse.up()
    const moved = (await box(page, 'payments').getAttribute('transform'))!
    const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(moved)!
    await expect.poll(() => savedLayout(dataDir)).toMatch(new RegExp(`"payments": \\[\\s*${x},\\s*${y}\\s*\\]`))
    await page.waitForTimeout(1500) // the tabs journal saves after a pause: the diagram tab comes back

    // A new server process over the same data directory (a new origin: the renderer's storage is empty).
    await stop(server)
    server = await startServer(dataDir)
    await page.goto(await server.nextLink())
    await expect(box(page, 'payments')).toHaveAttribute('transform', moved)
    await expect(box(page, 'customers')).toHaveAttribute('transform', 'translate(777,555)')
    expect(await page.evaluate(`localStorage.getItem(${JSON.stringify(LEGACY_KEY)})`)).toBeNull()
  } finally {
    await stop(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
