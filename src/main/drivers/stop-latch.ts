/**
 * A one-shot stop that work can be raced against. Not Promise.race against one long-lived
 * promise: each race would leave a reaction on it holding what the work settled with (every
 * batch of a stream) until the query ends — memory that grows with the result.
 */
export class StopLatch {
  private failure: unknown = null
  private readonly waiters = new Set<(reason: unknown) => void>()

  get stopped(): boolean {
    return this.failure !== null
  }

  /** Fails every pending and future race and wait with `failure`. */
  stop(failure: unknown): void {
    if (this.failure !== null) return
    this.failure = failure
    for (const reject of this.waiters) reject(failure)
    this.waiters.clear()
  }

  /** `work`, unless the stop comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.failure !== null) return Promise.reject(this.failure)
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject)
      void work.then(resolve, reject).finally(() => this.waiters.delete(reject))
    })
  }

  /** Rejects with the stop's failure once it has happened. */
  wait(): Promise<never> {
    if (this.failure !== null) return Promise.reject(this.failure)
    return new Promise<never>((_, reject) => this.waiters.add(reject))
  }
}
