import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { EngineHostProcess } from '../engine-host/engine-host-process'
import type { HostTraits } from '../engine-host/engine-host-process'
import { forkHost } from '../engine-host/fork-host'
import { cancelledError, sqliteError } from './sqlite-errors'
import type { HostMethods, HostReady, OpenParams } from './sqlite-protocol'

const SQLITE_HOST: HostTraits = {
  label: 'SQLite host',
  connectionError: (message: string): QuarryError => sqliteError('connection', message),
  shutdownMs: 1_000,
  // better-sqlite3 is synchronous: a busy host may be inside one endless step.
  busyShutdown: 'kill',
}

/**
 * One SQLite host child process and the requests in flight to it. The host answers requests in
 * order, one at a time; a request that never returns (one endless step) can only be ended by kill().
 */
export class HostProcess extends EngineHostProcess<HostMethods, HostReady> {
  private constructor(child: ChildProcess, ready: HostReady) {
    super(child, ready, SQLITE_HOST)
  }

  /** Forks a host, waits until it listens, and opens the database in it. */
  static async start(script: string, open: OpenParams): Promise<HostProcess> {
    const { child, ready } = await forkHost<HostReady>({ script, ...SQLITE_HOST })
    const host = new HostProcess(child, ready)
    await host.openWith(() => host.request('open', open))
    return host
  }

  /**
   * Stops whatever the host is doing: asks it to close its cursor (answered at once when it is
   * idle between pulls) and kills it if it has not answered within graceMs (it is stuck inside
   * one step: better-sqlite3 has no sqlite3_interrupt). Resolves whether the host survived.
   */
  async interrupt(graceMs: number): Promise<boolean> {
    if (!this.alive) return false
    let timer: NodeJS.Timeout | undefined
    const closed = this.request('query.close', {}).then(
      () => true,
      () => false,
    )
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))
    const survived = await Promise.race([closed, timedOut])
    clearTimeout(timer)
    if (!survived) this.kill(cancelledError())
    return survived && this.alive
  }
}
