import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The MongoDB server the driver tests use, or null when none was given. */
    mongodbUrl: string | null
  }
}

/**
 * Gives the MongoDB driver tests a server: QUARRY_TEST_MONGODB_URL (e.g. the compose file's,
 * `docker compose up -d mongodb` then mongodb://127.0.0.1:27018). No MongoDB server can be
 * installed on the machines this was written on, so without the variable the MongoDB conformance
 * tests are not run, with one line saying so (also on CI: there is no server to fail for).
 */
export default function setup(project: TestProject): void {
  const url = process.env.QUARRY_TEST_MONGODB_URL?.trim()
  if (!url) {
    console.warn(
      'MongoDB conformance NOT RUN: QUARRY_TEST_MONGODB_URL is not set (docker compose up -d mongodb, then QUARRY_TEST_MONGODB_URL=mongodb://127.0.0.1:27018)',
    )
  }
  project.provide('mongodbUrl', url || null)
}
