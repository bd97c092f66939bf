import { TID } from '../src/renderer/src/test-ids'
import { expect, test } from './fixtures/browser-mode'
import { expand } from './fixtures/connections'
import { serverEngineWorkflow } from './fixtures/server-engine-flow'

const url = process.env['QUARRY_E2E_MYSQL_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB server for the e2e run'
if (!url) console.log(`[mariadb.spec] skipped: ${skipReason}`)

test.describe('MariaDB', () => {
  test.skip(!url, skipReason)

  test('connect through the dialog, browse to a foreign key, stream 1,000,000 rows, cancel on the server', async ({
    app: page,
  }, testInfo) => {
    await serverEngineWorkflow(page, testInfo, {
      label: 'mariadb',
      url: url!,
      version: /MariaDB|\d+\.\d+/,
      expandToShop: async () => {
        await expand(page, 'connection', 'e2e mariadb')
        // The server is the tree's database level; MySQL databases are its schemas. Seen once in CI:
        // the server node collapsed again right after the connection's first connect, so the
        // expansion is retried (the tree reloading its levels is left as a known glitch).
        const server = page.locator(`[data-testid="${TID.treeNode}"][data-kind="database"]`).last()
        await expect(async () => {
          await expect(server).toBeVisible()
          await expand(page, 'database', (await server.getAttribute('data-name')) ?? '')
          await expect(
            page.locator(`[data-testid="${TID.treeNode}"][data-kind="schema"][data-name="quarry_e2e"]`),
          ).toBeVisible({ timeout: 5_000 })
        }).toPass({ timeout: 30_000 })
        await expand(page, 'schema', 'quarry_e2e')
      },
      bigTable: 'quarry_e2e.big',
      firstBig: '18446744073',
      sleep: 'SELECT SLEEP(60)',
      stillSleeping:
        "SELECT count(*) AS running FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP%' AND command = 'Query'",
    })
  })
})
