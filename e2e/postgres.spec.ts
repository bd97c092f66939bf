import { test } from './fixtures/browser-mode'
import { expand } from './fixtures/connections'
import { serverEngineWorkflow } from './fixtures/server-engine-flow'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[postgres.spec] skipped: ${skipReason}`)

test.describe('PostgreSQL', () => {
  test.skip(!url, skipReason)

  test('connect through the dialog, browse to a foreign key, stream 1,000,000 rows, cancel on the server', async ({
    app: page,
  }, testInfo) => {
    await serverEngineWorkflow(page, testInfo, {
      label: 'postgres',
      url: url!,
      version: /PostgreSQL \d+/,
      expandToShop: async () => {
        await expand(page, 'connection', 'e2e postgres')
        await expand(page, 'database', 'quarry_e2e')
        await expand(page, 'schema', 'shop')
      },
      bigTable: 'public.big',
      firstBig: '9223372036',
      sleep: 'SELECT pg_sleep(60)',
      stillSleeping:
        "SELECT count(*) AS running FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'",
    })
  })
})
