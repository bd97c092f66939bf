import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, replaceQuery, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_MYSQL_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run'
if (!url) console.log(`[mariadb.spec] skipped: ${skipReason}`)

/** The name of the connection's (only) database node, whatever the driver calls it. */
async function firstDatabaseName(page: Page): Promise<string> {
  const node = page.locator(`[data-testid="${TID.treeNode}"][data-kind="database"]`).last()
  await expect(node).toBeVisible()
  return (await node.getAttribute('data-name')) ?? ''
}

test.describe('MariaDB', () => {
  test.skip(!url, skipReason)

  test('connect through the dialog, browse to a foreign key, stream 1,000,000 rows, cancel on the server', async ({
    app: page,
  }, testInfo) => {
    await addConnection(page, url!, 'e2e mariadb', /MariaDB|\d+\.\d+/)
    await expand(page, 'connection', 'e2e mariadb')
    // MySQL databases are the tree's schemas.
    await expand(page, 'database', await firstDatabaseName(page))
    await expand(page, 'schema', 'quarry_e2e')
    await treeNode(page, 'table', 'orders').click()
    await activePanel(page).getByTestId(TID.viewToggleStructure).click()
    const foreignKeys = activePanel(page).getByTestId(TID.structureForeignKeys)
    await expect(foreignKeys.locator('tr', { hasText: 'customer_id' })).toContainText('customers(id)')
    await expect(foreignKeys.locator('tr', { hasText: 'customer_id' })).toContainText('CASCADE')

    // Stream the big table through a query tab on this connection.
    await queryOn(page, 'e2e mariadb', 'SELECT * FROM quarry_e2e.big ORDER BY id')
    const ranAt = Date.now()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(cell(page, 0, 0)).toHaveText('1')
    const firstRowsMs = Date.now() - ranAt
    await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 120_000 })
    const allRowsMs = Date.now() - ranAt
    await expect(activePanel(page).getByTestId(TID.statusRows)).toHaveAttribute('data-count', '1000000')
    // Exact values as psql prints them: a bigint beyond 2^53, a timestamptz, NULL.
    await expect(cell(page, 0, 1)).toHaveText('18446744073')
    await expect(cell(page, 9, 7)).toHaveText('NULL')
    console.log(`[measure] mariadb: first rows ${firstRowsMs} ms after Run; all 1,000,000 rows after ${allRowsMs} ms`)
    testInfo.annotations.push({ type: 'measure', description: `mariadb first ${firstRowsMs} ms, all ${allRowsMs} ms` })

    // Cancel a sleeping statement: cancelled within a second, and the tab runs the next query.
    await queryOn(page, 'e2e mariadb', 'SELECT SLEEP(60)')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(status(page)).toHaveAttribute('data-status', 'running')
    await page.waitForTimeout(300)
    const cancelAt = Date.now()
    await activePanel(page).getByTestId(TID.cancelButton).click()
    await expect(status(page)).toHaveAttribute('data-status', 'cancelled', { timeout: 1_000 })
    console.log(`[measure] mariadb: cancel → cancelled in ${Date.now() - cancelAt} ms`)
    await replaceQuery(
      page,

      "SELECT count(*) AS running FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP%' AND command = 'Query'",
    )
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(status(page)).toHaveAttribute('data-status', 'done')
    await expect(cell(page, 0, 0)).toHaveText('0')
  })
})
