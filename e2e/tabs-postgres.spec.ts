import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, newQuery, replaceQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand } from './fixtures/connections'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[tabs-postgres.spec] skipped: ${skipReason}`)

test.describe('query tabs on PostgreSQL', () => {
  test.skip(!url, skipReason)

  test('+ Query runs on the selected connection; tabs of two connections differ; the tree follows DDL', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'tabs postgres', /PostgreSQL \d+/)
    // The sample's tab first, with nothing selected.
    await newQuery(page, 'SELECT sqlite_version()')
    // Tabs of earlier specs may still be open (they are restored): find ours by their connection.
    const sampleTab = page.locator(`[data-testid="${TID.tab}"][data-connection="Sample database"]`).last()
    await expect(sampleTab).toHaveAttribute('aria-selected', 'true')

    // Select the PostgreSQL connection in the tree: + Query opens there.
    await treeNode(page, 'connection', 'tabs postgres').click()
    await newQuery(page, 'SELECT version()')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(cell(page, 0, 0)).toContainText('PostgreSQL')
    const pgTab = page.locator(`[data-testid="${TID.tab}"][data-connection="tabs postgres"]`).last()
    await expect(pgTab).toHaveAttribute('aria-selected', 'true')
    await expect(pgTab).toContainText('tabs postgres · quarry_e2e · public')
    const sampleColor = await sampleTab.getAttribute('data-color')
    expect(await pgTab.getAttribute('data-color')).not.toBe(sampleColor)
    // …and so does the colour their tabs are painted in.
    expect(await pgTab.getAttribute('style')).toMatch(/--tab-color: ?#[0-9a-f]{6}/)
    expect(await pgTab.getAttribute('style')).not.toBe(await sampleTab.getAttribute('style'))

    // DDL on PostgreSQL: the loaded schema shows the table, then loses it, without a reload.
    await expand(page, 'database', 'quarry_e2e')
    await expand(page, 'schema', 'public')
    await replaceQuery(page, 'CREATE TABLE public.e2e_tab_made (id int)')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(treeNode(page, 'table', 'e2e_tab_made')).toBeVisible()
    await replaceQuery(page, 'DROP TABLE public.e2e_tab_made')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(treeNode(page, 'table', 'e2e_tab_made')).toHaveCount(0)

    // + Query on a database node opens on that database; the toolbar switches it to another.
    await treeNode(page, 'schema', 'shop').click()
    await newQuery(page, 'SELECT current_database()')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(cell(page, 0, 0)).toHaveText('quarry_e2e')
    await activePanel(page).getByTestId(TID.tabDatabaseSelect).selectOption('postgres')
    await expect(page.getByTestId(TID.tab).last()).toContainText('postgres · public')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(cell(page, 0, 0)).toHaveText('postgres')
    // …and to another connection.
    await activePanel(page).getByTestId(TID.tabConnectionSelect).selectOption({ label: 'Sample database' })
    await expect(page.getByTestId(TID.tab).last()).toHaveAttribute('data-connection', 'Sample database')
    await replaceQuery(page, 'SELECT sqlite_version() IS NOT NULL')
    await activePanel(page).getByTestId(TID.runButton).click()
    await expect(cell(page, 0, 0)).toHaveText('1')
  })
})
