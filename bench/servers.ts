import { findPostgresBinaries, startThrowawayServer } from '../test/helpers/postgres-server'
import { missingBinaries, startMariadbServer } from '../test/helpers/mariadb-server'
import type { BenchEngine } from './measures'

/** Things to undo when the bench ends, however it ends (last registered, first undone). */
export class Teardown {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> | unknown }> = []
  private done: Promise<void> | null = null

  add(name: string, run: () => Promise<unknown> | unknown): void {
    this.steps.push({ name, run })
  }

  /** Runs every step once, in reverse order; a failing step is reported and the others still run. */
  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run()
        } catch (error) {
          console.error(`[bench] teardown of ${step.name} failed: ${error instanceof Error ? error.message : error}`)
        }
      }
    })()
    return this.done
  }
}

/** An engine's server URL, or why the engine cannot run here. */
export type ServerStart = { engine: BenchEngine; url: string } | { engine: BenchEngine; skipped: string }

/**
 * Registers the stop of a server while it is still starting, so that a Ctrl+C during its start
 * waits for it and stops it rather than leaving it running.
 */
function stoppedOnTeardown<T extends { stop(): Promise<void> }>(
  name: string,
  starting: Promise<T>,
  teardown: Teardown,
) {
  teardown.add(name, async () => {
    const server = await starting.catch(() => null)
    await server?.stop()
  })
  return starting
}

/** Starts a throwaway server for each server engine asked for; SQLite needs none. */
export async function startServers(engines: readonly BenchEngine[], teardown: Teardown): Promise<ServerStart[]> {
  const started: ServerStart[] = []
  if (engines.includes('postgres')) {
    const bin = findPostgresBinaries()
    if (!bin) started.push({ engine: 'postgres', skipped: 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin' })
    else {
      const server = await stoppedOnTeardown('PostgreSQL server', startThrowawayServer(bin), teardown)
      started.push({ engine: 'postgres', url: server.url })
    }
  }
  if (engines.includes('mysql')) {
    const missing = missingBinaries()
    if (missing) started.push({ engine: 'mysql', skipped: missing })
    else {
      const server = await stoppedOnTeardown('MariaDB server', startMariadbServer(), teardown)
      started.push({ engine: 'mysql', url: server.url })
    }
  }
  return started
}
