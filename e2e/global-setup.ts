import { createConnection } from 'mysql2/promise'
import { Client } from 'pg'
import { findPostgresBinaries, startThrowawayServer } from '../test/helpers/postgres-server'
import { missingBinaries, startMariadbServer } from '../test/helpers/mariadb-server'
import { seedMariadb } from './fixtures/seed-mariadb'
import { seedPostgres } from './fixtures/seed-postgres'

/**
 * Servers for the engine specs, started once for the whole Playwright run: a throwaway PostgreSQL
 * and MariaDB (or QUARRY_TEST_POSTGRES_URL / QUARRY_TEST_MYSQL_URL), each seeded with a small shop
 * schema and a 1,000,000-row table. The URLs reach the specs as QUARRY_E2E_POSTGRES_URL and
 * QUARRY_E2E_MYSQL_URL; without a server, those specs say why they skip.
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
  const givenMysql = process.env['QUARRY_TEST_MYSQL_URL']
  const mariadbMissing = givenMysql ? null : missingBinaries()
  if (!mariadbMissing) {
    const server = givenMysql ? null : await startMariadbServer()
    if (server) stops.push(() => server.stop())
    process.env['QUARRY_E2E_MYSQL_URL'] = await seedMariadb(givenMysql ?? server!.url, (url) => createConnection(url))
  } else {
    process.env['QUARRY_E2E_SKIP_MYSQL'] = `${mariadbMissing} and QUARRY_TEST_MYSQL_URL is not set`
  }
  return async () => {
    for (const stop of stops) await stop()
  }
}
