import { Client } from 'pg'
import { findPostgresBinaries, startThrowawayServer } from '../test/helpers/postgres-server'
import { seedPostgres } from './fixtures/seed-postgres'

/**
 * Servers for the engine specs, started once for the whole Playwright run: a throwaway PostgreSQL
 * (or QUARRY_TEST_POSTGRES_URL) seeded with a small shop schema and a 1,000,000-row table. The URL
 * reaches the specs as QUARRY_E2E_POSTGRES_URL; without a server, those specs say why they skip.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = []
  const given = process.env['QUARRY_TEST_POSTGRES_URL']
  const bin = given ? null : findPostgresBinaries()
  if (given || bin) {
    const server = given ? null : await startThrowawayServer(bin!)
    if (server) stops.push(() => server.stop())
    const adminUrl = given ?? server!.url
    process.env['QUARRY_E2E_POSTGRES_URL'] = await seedPostgres(
      adminUrl,
      (url) => new Client({ connectionString: url }),
    )
  } else {
    process.env['QUARRY_E2E_SKIP_POSTGRES'] = 'no PostgreSQL server binaries and QUARRY_TEST_POSTGRES_URL is not set'
  }
  return async () => {
    for (const stop of stops) await stop()
  }
}
