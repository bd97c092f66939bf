import { findPostgresBinaries, startThrowawayServer } from '../helpers/postgres-server'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the driver tests use, or null when none could be had. */
    postgresUrl: string | null
  }
}

/**
 * Gives the PostgreSQL driver tests a server: QUARRY_TEST_POSTGRES_URL when set (a managed or
 * long-running server, checked the same way; nothing is started), else a throwaway server from
 * the installed binaries, stopped and removed after the run. Without either, the PostgreSQL tests
 * are not run, with one line saying so; on CI (CI=true) that fails the run instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const url = process.env.QUARRY_TEST_POSTGRES_URL
  if (url) {
    project.provide('postgresUrl', url)
    return
  }
  const bin = findPostgresBinaries()
  if (!bin) {
    const reason =
      'PostgreSQL driver tests NOT RUN: no server binaries in /usr/lib/postgresql/*/bin and QUARRY_TEST_POSTGRES_URL is not set'
    if (process.env.CI === 'true') throw new Error(`${reason} (failing because CI=true)`)
    console.warn(reason)
    project.provide('postgresUrl', null)
    return
  }
  const server = await startThrowawayServer(bin)
  project.provide('postgresUrl', server.url)
  return () => server.stop()
}
