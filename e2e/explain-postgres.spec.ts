import { TID } from '../src/renderer/src/test-ids'
import { activePanel } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[explain-postgres.spec] skipped: ${skipReason}`)

const JOIN = 'SELECT c.name, o.total FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id'

test.describe('Explain on PostgreSQL', () => {
  test.skip(!url, skipReason)

  test('explain a join: a plan tree with both tables and the costliest node highlighted; ANALYZE after a warning', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'explain postgres', /PostgreSQL \d+/)
    await queryOn(page, 'explain postgres', JOIN)
    await activePanel(page).getByTestId(TID.explainButton).click()
    const plan = activePanel(page).getByTestId(TID.planView)
    await expect(plan).toBeVisible()
    await expect(plan).toHaveAttribute('data-analyzed', 'false')
    await expect(plan).toContainText('EXPLAIN (FORMAT JSON) SELECT')
    const nodes = plan.getByTestId(TID.planNode)
    await expect(nodes.filter({ hasText: 'Seq Scan on orders o' })).toHaveCount(1)
    await expect(nodes.filter({ hasText: 'on customers c' })).toHaveCount(1)
    await expect(nodes.first()).toHaveAttribute('data-label', /Join|Nested Loop/)
    await expect(nodes.first()).toContainText('cost')
    await expect(plan.locator(`[data-testid="${TID.planNode}"][data-hot="true"]`).first()).toBeVisible()

    // ANALYZE runs the statement: the user is warned first, and nothing runs until they confirm.
    await activePanel(page).getByTestId(TID.explainAnalyzeButton).click()
    await expect(activePanel(page).getByTestId(TID.analyzeWarning)).toContainText('executes')
    await expect(plan).toHaveAttribute('data-analyzed', 'false')
    await activePanel(page).getByTestId(TID.analyzeConfirm).click()
    await expect(plan).toHaveAttribute('data-analyzed', 'true')
    await expect(nodes.first()).toContainText('actual rows 2')

    // Back in the editor, a run shows its results in place of the plan; the plan stays a click away.
    await activePanel(page).getByTestId(TID.editor).locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(activePanel(page).getByTestId(TID.status)).toHaveAttribute('data-status', 'done')
    await activePanel(page).getByTestId(TID.showPlan).click()
    await expect(plan).toBeVisible()
  })
})
