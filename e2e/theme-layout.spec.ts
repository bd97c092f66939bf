import type { Locator, Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'

/** The slice of the DOM the page functions below use (the e2e project has no DOM types). */
interface Node {
  parentElement: Node | null
}
interface Window {
  getComputedStyle(element: Node): { color: string; backgroundColor: string }
}

/** Computed colours of the parts a theme must reach: tree, grid cell, editor. */
async function colours(page: Page) {
  const text = (locator: Locator) =>
    locator.evaluate((element) => (globalThis as unknown as Window).getComputedStyle(element).color)
  return {
    tree: await background(page.getByTestId(TID.tree)),
    treeText: await text(page.locator(`[data-testid="${TID.treeNode}"]`).first()),
    cell: await background(cell(page, 0, 0)),
    cellText: await text(cell(page, 0, 1)),
    editor: await background(activePanel(page).locator('.cm-content')),
    keyword: await text(activePanel(page).locator('.cm-line span').first()),
  }
}

/** The background an element shows: its own, or the first ancestor's that is not transparent. */
const background = (locator: Locator) =>
  locator.evaluate((element) => {
    for (let node: Node | null = element; node; node = node.parentElement) {
      const colour = (globalThis as unknown as Window).getComputedStyle(node).backgroundColor
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour
    }
    return 'rgb(255, 255, 255)'
  })

/** Relative luminance of a computed `rgb(r, g, b)`: dark surfaces are below 0.05, light ones above 0.8. */
const luminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

async function runQuery(page: Page): Promise<void> {
  await newQuery(page, "SELECT 1 AS n, 'text' AS s")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(status(page)).toHaveAttribute('data-status', 'done')
}

test('the theme switch turns tree, grid and editor dark, and the choice survives a reload', async ({ app: page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await runQuery(page)
  const light = await colours(page)
  for (const surface of [light.tree, light.cell, light.editor]) expect(luminance(surface)).toBeGreaterThan(0.8)
  expect(luminance(light.cellText)).toBeLessThan(0.05)

  await page.getByTestId(TID.themeSwitch).selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const dark = await colours(page)
  for (const surface of [dark.tree, dark.cell, dark.editor]) expect(luminance(surface)).toBeLessThan(0.05)
  for (const text of [dark.treeText, dark.cellText]) expect(luminance(text)).toBeGreaterThan(0.6)
  // Syntax colours change too (the keyword SELECT), not only the background.
  expect(dark.keyword).not.toBe(light.keyword)

  // Dark stays chosen after a reload, even though the OS says light.
  await page.reload()
  await expect(page.getByTestId(TID.app)).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId(TID.themeSwitch)).toHaveValue('dark')
  expect(await background(page.getByTestId(TID.tree))).toBe(dark.tree)
})

test('System follows the OS colour scheme as it changes', async ({ app: page }) => {
  await expect(page.getByTestId(TID.themeSwitch)).toHaveValue('system')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(luminance(await background(page.getByTestId(TID.tree)))).toBeLessThan(0.05)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  // A fixed choice no longer follows the OS.
  await page.getByTestId(TID.themeSwitch).selectOption('light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
})

test('splitters resize the sidebar and the editor, by mouse and keyboard, and the sizes persist', async ({
  app: page,
}) => {
  await runQuery(page)
  const sidebar = page.locator('aside.sidebar')
  const editor = activePanel(page).locator('.editor-pane')
  const width = async () => (await sidebar.boundingBox())!.width
  const height = async () => (await editor.boundingBox())!.height
  const drag = async (target: Locator, dx: number, dy: number) => {
    const box = (await target.boundingBox())!
    // Off the middle, where the sidebar's collapse tab sits.
    const [x, y] = [box.x + Math.min(box.width / 2, 100), box.y + Math.min(box.height / 2, 100)]
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + dx / 2, y + dy / 2)
    await page.mouse.move(x + dx, y + dy)
    await page.mouse.up()
  }
  const sidebarSplitter = page.getByTestId(TID.sidebarSplitter)
  const editorSplitter = activePanel(page).getByTestId(TID.editorSplitter)
  const startWidth = await width()
  const startHeight = await height()
  expect(startWidth).toBe(280)

  await drag(sidebarSplitter, 120, 0)
  expect(await width()).toBeCloseTo(startWidth + 120, -1)
  await drag(editorSplitter, 0, 90)
  expect(await height()).toBeCloseTo(startHeight + 90, -1)
  const [dragWidth, dragHeight] = [await width(), await height()]

  // After a reload the same sizes come back.
  await page.reload()
  await expect(page.getByTestId(TID.app)).toBeVisible()
  await expect(activePanel(page).locator('.editor-pane')).toBeVisible()
  expect(await width()).toBe(dragWidth)
  expect(await height()).toBeCloseTo(dragHeight, 0)

  // Keyboard: arrows move by 16 px, Enter collapses and restores, double-click resets.
  await sidebarSplitter.focus()
  await page.keyboard.press('ArrowLeft')
  expect(await width()).toBe(dragWidth - 16)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId(TID.app)).toHaveAttribute('data-sidebar', 'collapsed')
  await expect(page.getByTestId(TID.tree)).toBeHidden()
  await expect(page.getByTestId(TID.sidebarToggle)).toHaveAttribute('aria-expanded', 'false')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId(TID.tree)).toBeVisible()
  expect(await width()).toBe(dragWidth - 16)
  await sidebarSplitter.dblclick({ position: { x: 0, y: 100 } })
  expect(await width()).toBe(280)
  await editorSplitter.focus()
  await page.keyboard.press('Shift+ArrowUp')
  expect(await height()).toBeCloseTo(dragHeight - 64, -1)
  await editorSplitter.dblclick()
  expect(await height()).toBeCloseTo(startHeight, 0)

  // The toggle tab and Ctrl/Cmd+B collapse it too.
  await page.getByTestId(TID.sidebarToggle).click()
  await expect(page.getByTestId(TID.tree)).toBeHidden()
  await page.keyboard.press('ControlOrMeta+b')
  await expect(page.getByTestId(TID.tree)).toBeVisible()
})

test('the browser tab gets the app icon from the server', async ({ app: page }) => {
  const links = page.locator('link[rel="icon"]')
  await expect(links).toHaveCount(2)
  for (const href of await links.evaluateAll((found) =>
    found.map((link) => (link as unknown as { href: string }).href),
  )) {
    const response = await page.request.get(href)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/^image\/(svg\+xml|png)$/)
    expect((await response.body()).length).toBeGreaterThan(500)
  }
})
