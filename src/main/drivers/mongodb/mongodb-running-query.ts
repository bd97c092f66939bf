import { StopLatch } from '../stop-latch'
import type { MongoClientLike, MongoCursorLike, MongoSessionLike } from './mongodb-client'
import { cancelledFailure, toMongoFailure } from './mongodb-errors'

/** How long a kill may take before the query is given up on anyway (its cursor is then just closed). */
export const KILL_TIMEOUT_MS = 5_000

/**
 * One script in flight: the explicit session all its operations run in, the cursor being read,
 * and how to stop it. Cancel kills the session on the server (`killSessions`, from another pooled
 * connection: a user may always kill their own sessions), which ends its running operation and
 * cursors there, then closes the cursor here. The client and its other sessions carry on.
 */
export class MongoRunningQuery {
  readonly latch = new StopLatch()
  readonly session: MongoSessionLike
  /** `quarry:<queryId>`: names the operations in currentOp and the profiler. */
  readonly comment: string
  private cursor: MongoCursorLike | null = null
  private killing: Promise<void> | null = null

  constructor(
    private readonly client: MongoClientLike,
    queryId: string,
  ) {
    this.session = client.startSession()
    this.comment = `quarry:${queryId}`
  }

  get options() {
    return { session: this.session, comment: this.comment }
  }

  /** The cursor now being read, so cancel closes it too. */
  track(cursor: MongoCursorLike | null): void {
    this.cursor = cursor
  }

  /** Throws `cancelled` once cancel was asked. */
  checkpoint(): void {
    if (this.latch.stopped) throw cancelledFailure()
  }

  /** Awaits server work, unless cancel comes first; errors become typed (cancelled after a cancel). */
  async guard<T>(work: Promise<T>, statementOffset = 0): Promise<T> {
    try {
      const value = await this.latch.race(work)
      this.checkpoint()
      return value
    } catch (error) {
      this.checkpoint()
      throw toMongoFailure(error, { phase: 'query', statementOffset })
    }
  }

  /** Stops the query: at once for whoever awaits it; on the server, resolved once the kill was answered. */
  cancel(): Promise<void> {
    this.latch.stop(cancelledFailure())
    this.killing ??= this.kill()
    return this.killing
  }

  private async kill(): Promise<void> {
    const id = this.session.id
    if (id) {
      this.session.discard()
      const killed = this.client.command('admin', { killSessions: [id] }).then(
        () => {},
        () => {},
      )
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, KILL_TIMEOUT_MS)))
      await Promise.race([killed, timeout])
      clearTimeout(timer)
    }
    await this.closeCursor()
  }

  private async closeCursor(): Promise<void> {
    const cursor = this.cursor
    this.cursor = null
    await cursor?.close().catch(() => {})
  }

  /** Closes what is left open (early exit, error) and ends the session. */
  async release(): Promise<void> {
    if (this.killing) await this.killing
    await this.closeCursor()
    await this.session.endSession().catch(() => {})
  }
}
