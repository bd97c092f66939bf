import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The SQL Server the driver tests use (QUARRY_TEST_MSSQL_URL), or null when there is none. */
    mssqlUrl: string | null
  }
}

/**
 * SQL Server cannot be installed on every machine (nor in CI): its conformance tests run only
 * against the server QUARRY_TEST_MSSQL_URL names (`docker compose up -d mssql` starts one).
 * Without it, this prints one line saying they were not run, and why. Its unit tests
 * (test/drivers/mssql) need no server and always run.
 */
export default function setup(project: TestProject): void {
  const url = process.env.QUARRY_TEST_MSSQL_URL || null
  if (url) console.log('[mssql tests] SQL Server conformance runs against QUARRY_TEST_MSSQL_URL')
  else
    console.log(
      '[mssql tests] SQL Server conformance NOT RUN: QUARRY_TEST_MSSQL_URL is not set (no SQL Server here; `docker compose up -d mssql` starts one, see README)',
    )
  project.provide('mssqlUrl', url)
}
