/**
 * Flow control between the producer (a query's read loop) and one consumer (a renderer):
 * at most `size` batches may be sent and not yet acknowledged. The producer waits for credit
 * before reading more, so a slow consumer pauses the read and memory stays flat.
 */
export class CreditWindow {
  private sent = 0
  private acked = 0
  private waiter: (() => void) | null = null

  constructor(private readonly size: number) {}

  /** Records one more sent batch and returns its sequence number (0-based). */
  next(): number {
    return this.sent++
  }

  /** The consumer has processed batch `seq` (and everything before it). */
  ack(seq: number): void {
    if (seq + 1 > this.acked && seq < this.sent) this.acked = seq + 1
    this.wake()
  }

  get inFlight(): number {
    return this.sent - this.acked
  }

  /** Resolves when another batch may be sent, or when `signal` aborts. */
  async ready(signal: AbortSignal): Promise<void> {
    if (this.inFlight < this.size || signal.aborted) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done)
        this.waiter = null
        resolve()
      }
      this.waiter = () => {
        if (this.inFlight < this.size) done()
      }
      signal.addEventListener('abort', done)
    })
  }

  private wake(): void {
    this.waiter?.()
  }
}
