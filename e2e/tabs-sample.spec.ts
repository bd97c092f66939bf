import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, expandSampleSchema, newQuery, replaceQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { sampleExec } from './fixtures/sample-db'

/** Runs the active editor's whole text and waits until it is done. */
const runScript = async (page: Page): Promise<void> => {
  await activePanel(page).getByTestId(TID.runScriptButton).click()
  await expect(status(page)).toHaveAttribute('data-status', 'done')
}

test.describe('query tabs on the sample', () => {
  test('a tab says where it runs; created and dropped tables show in the tree without a reload', async ({
    app: page,
  }) => {
    await expandSampleSchema(page)
    // Nothing selected: + Query opens on the sample.
    await newQuery(page, 'CREATE TABLE e2e_tab_made (id INTEGER)')
    const tab = page.getByTestId(TID.tab).last()
    await expect(tab).toHaveAttribute('data-connection', 'Sample database')
    await expect(tab).toContainText('Sample database · sample · main')
    await expect(activePanel(page).getByTestId(TID.tabConnectionSelect)).toHaveValue('sample')

    await runScript(page)
    await expect(treeNode(page, 'table', 'e2e_tab_made')).toBeVisible()
    // The schema stayed expanded, and so did the rest of the tree.
    await expect(treeNode(page, 'schema', 'main')).toHaveAttribute('aria-expanded', 'true')
    await expect(treeNode(page, 'table', 'customers')).toBeVisible()

    await replaceQuery(page, 'DROP TABLE e2e_tab_made')
    await runScript(page)
    await expect(treeNode(page, 'table', 'e2e_tab_made')).toHaveCount(0)
  })

  test('Refresh from the context menu and F5 reload what is loaded under a node', async ({ app: page }) => {
    await expandSampleSchema(page)
    const schema = treeNode(page, 'schema', 'main')
    // A table made behind the app's back (another program): the tree cannot know until refreshed.
    sampleExec('DROP TABLE IF EXISTS e2e_behind; CREATE TABLE e2e_behind (id INTEGER)')
    try {
      await page.waitForTimeout(300)
      await expect(treeNode(page, 'table', 'e2e_behind')).toHaveCount(0)
      await schema.click({ button: 'right' })
      const menu = page.getByTestId(TID.contextMenu)
      await menu.locator('[data-item="refresh"]').click()
      await expect(menu).toBeHidden()
      await expect(treeNode(page, 'table', 'e2e_behind')).toBeVisible()
      await expect(schema).toHaveAttribute('aria-expanded', 'true')

      // F5 with the tree focused refreshes it, not the page: an open editor keeps its text and results.
      await newQuery(page, 'SELECT 42 AS answer')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(cell(page, 0, 0)).toHaveText('42')
      sampleExec('DROP TABLE e2e_behind')
      await page.getByTestId(TID.tree).focus()
      await page.keyboard.press('F5')
      await expect(treeNode(page, 'table', 'e2e_behind')).toHaveCount(0)
      await expect(cell(page, 0, 0)).toHaveText('42')
    } finally {
      sampleExec('DROP TABLE IF EXISTS e2e_behind')
    }
  })

  test('a renamed tab keeps its name after a reload; Escape cancels a rename', async ({ app: page }) => {
    await newQuery(page, 'SELECT 1')
    const tab = page.getByTestId(TID.tab).last()
    await tab.locator('.tab-title').dblclick()
    await page.getByTestId(TID.tabRename).fill('Monthly revenue')
    await page.keyboard.press('Enter')
    await expect(tab).toHaveAttribute('data-title', 'Monthly revenue')

    await tab.click({ button: 'right' })
    await page.getByTestId(TID.contextMenu).locator('[data-item="rename"]').click()
    await page.getByTestId(TID.tabRename).fill('Not this')
    await page.keyboard.press('Escape')
    await expect(tab).toHaveAttribute('data-title', 'Monthly revenue')

    await page.waitForTimeout(600) // the tab store saves once typing pauses (400 ms)
    await page.reload()
    await expect(page.getByTestId(TID.tab).filter({ hasText: 'Monthly revenue' })).toHaveCount(1)
  })
})
