import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import buildSqliteHost, { buildDuckdbHost } from '../global-setup'
import startMariadb from './mariadb-server'
import startMongodb from './mongodb-server'
import startMssql from './mssql-server'
import startPostgres from './postgres-server'
import { neededKeys, serverNeeds } from './server-needs'
import type { ServerKey } from './server-needs'

type Teardown = (() => Promise<void>) | undefined | void
type Setup = (project: TestProject) => Teardown | Promise<Teardown>

/** Each key's setup: it provides that key (a server's URL, or null when there is none) to the tests. */
const SETUPS: Record<ServerKey, Setup> = {
  sqliteHostScript: buildSqliteHost,
  duckdbHostScript: buildDuckdbHost,
  postgresUrl: startPostgres,
  mysqlServer: startMariadb,
  mssqlUrl: startMssql,
  mongodbUrl: startMongodb,
}

const testRoot = resolve(import.meta.dirname, '..')

/** The engine project's files this run selected; all of them if vitest's state does not say. */
async function selectedFiles(project: TestProject): Promise<string[]> {
  const selected = project.vitest.state.getPaths().filter((path) => project.matchesTestGlob(path))
  return selected.length > 0 ? selected : (await project.globTestFiles()).testFiles
}

/**
 * The engine project's one global setup: reads which servers the selected test files use (their
 * `inject('…')` keys, through the helpers they import) and starts only those, side by side. A file
 * run later in watch mode that needs one more gets it started before it runs. Tests read the
 * servers exactly as before (`inject('postgresUrl')`, `postgresUrl()`…).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = new Map<ServerKey, Promise<Teardown>>()
  const ensure = async (files: readonly string[]) => {
    const keys = [...neededKeys(serverNeeds(files, testRoot))].filter((key) => !started.has(key))
    const start = async (key: ServerKey) => SETUPS[key](project)
    for (const key of keys) started.set(key, start(key))
    const results = await Promise.allSettled(keys.map((key) => started.get(key)))
    const failed = results.find((result) => result.status === 'rejected')
    if (failed) {
      await teardown()
      throw failed.reason
    }
  }
  const teardown = async () => {
    const results = await Promise.allSettled(started.values())
    started.clear()
    // Side by side: MariaDB's shutdown alone can take seconds on a loaded machine.
    const stops = results.map((result) => (result.status === 'fulfilled' ? result.value : undefined))
    const stopped = await Promise.allSettled(stops.map((stop) => stop?.()))
    const failed = stopped.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
  }
  await ensure(await selectedFiles(project))
  project.onTestsRerun((specifications) => ensure(specifications.map((spec) => spec.moduleId)))
  return teardown
}
