import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { MethodOf, ParamsOf, ResultOf } from './host-messages'

/** The slice of a host process a respawning handle uses. */
export interface RespawnableHost<Methods> {
  readonly alive: boolean
  request<M extends MethodOf<Methods>>(method: M, params: ParamsOf<Methods, M>): Promise<ResultOf<Methods, M>>
  shutdown(reason: QuarryError): Promise<void>
}

/**
 * A connection's long-lived host (SQLite's metadata host, DuckDB's only one): started again on the
 * next call when it died (crashed, killed by a watchdog or from outside), until closed.
 */
export class RespawningHost<Methods, H extends RespawnableHost<Methods>> {
  private current: Promise<H>
  private isClosed = false

  constructor(
    first: H,
    private readonly spawn: () => Promise<H>,
    private readonly closedError: () => QuarryError,
  ) {
    this.current = Promise.resolve(first)
  }

  get closed(): boolean {
    return this.isClosed
  }

  /** The host, started again if it died. */
  live(): Promise<H> {
    if (this.isClosed) return Promise.reject(new QuarryFailure(this.closedError()))
    this.current = this.current.then(
      (host) => (host.alive ? host : this.spawn()),
      () => this.spawn(),
    )
    return this.current
  }

  /**
   * A request that only reads (catalog calls): if the host died under it, a fresh host answers it
   * once more rather than failing the caller.
   */
  async read<M extends MethodOf<Methods>>(method: M, params: ParamsOf<Methods, M>): Promise<ResultOf<Methods, M>> {
    const host = await this.live()
    try {
      return await host.request(method, params)
    } catch (error) {
      if (host.alive || this.isClosed) throw error
      return (await this.live()).request(method, params)
    }
  }

  /** Closes for good: the host closes its database and exits (or is killed); later calls fail. */
  async close(): Promise<void> {
    if (this.isClosed) return
    this.isClosed = true
    const host = await this.current.catch(() => null)
    await host?.shutdown(this.closedError())
  }
}
