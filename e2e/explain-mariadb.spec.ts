import { TID } from '../src/renderer/src/test-ids'
import { activePanel } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_MYSQL_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run'
if (!url) console.log(`[explain-mariadb.spec] skipped: ${skipReason}`)

test.describe('Completion and Explain on MariaDB', () => {
  test.skip(!url, skipReason)

  test('tables of the connection’s database complete unqualified; a join explains into a tree, measured on request', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'explain mariadb', /MariaDB|\d+\.\d+/)
    await queryOn(page, 'explain mariadb', '')
    // The connection's database is MySQL's default schema: its tables complete without a qualifier.
    await page.keyboard.type('SELECT c.name, o.total FROM ')
    const list = page.locator('.cm-tooltip-autocomplete')
    await expect(list.locator('li', { hasText: /^orders/ })).toBeVisible()
    await list.locator('li', { hasText: /^orders/ }).click()
    await page.keyboard.type(' o JOIN customers c ON c.id = o.customer_id')
    await page.keyboard.press('Escape')

    await activePanel(page).getByTestId(TID.explainButton).click()
    const plan = activePanel(page).getByTestId(TID.planView)
    await expect(plan).toContainText('EXPLAIN FORMAT=JSON SELECT c.name, o.total FROM orders o JOIN customers c')
    const nodes = plan.getByTestId(TID.planNode)
    await expect(nodes.first()).toHaveAttribute('data-label', 'query_block #1')
    await expect(nodes.filter({ hasText: /^table o / })).toHaveCount(1)
    await expect(nodes.filter({ hasText: /^table c / })).toHaveCount(1)

    await activePanel(page).getByTestId(TID.explainAnalyzeButton).click()
    await activePanel(page).getByTestId(TID.analyzeConfirm).click()
    await expect(plan).toHaveAttribute('data-analyzed', 'true')
    await expect(plan).toContainText('ANALYZE FORMAT=JSON SELECT')
    await expect(nodes.filter({ hasText: 'actual rows' }).first()).toBeVisible()
  })
})
