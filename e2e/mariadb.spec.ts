import { test } from './fixtures/browser-mode'
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
        // MySQL databases are the tree's schemas, right under the connection (no host:port level).
        await expand(page, 'connection', 'e2e mariadb')
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
