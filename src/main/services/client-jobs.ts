import { QuarryFailure } from '../../shared/contract'
import type { ClientSink } from './client-sink'

interface Job<T> {
  controller: AbortController
  finished: Promise<void>
  state: T
}

/**
 * Long-running work clients start by id (queries, exports): ids are scoped per client, so one
 * client can never touch another's; a client that goes away aborts its jobs; cancel resolves once
 * the job has ended. `state` is what the owner keeps beside each job (a query's credit window).
 */
export class ClientJobs<T = undefined> {
  private readonly running = new Map<string, Job<T>>()
  private readonly watched = new WeakSet<ClientSink>()

  /** `noun` names a job in the message refusing a duplicate id ("Query", "Export"). */
  constructor(private readonly noun: string) {}

  /** Runs `work` under `id`; its signal aborts on cancel, cancelAll or the client's close. */
  start(client: ClientSink, id: string, state: T, work: (signal: AbortSignal, state: T) => Promise<void>): void {
    const key = keyOf(client, id)
    if (this.running.has(key)) {
      throw new QuarryFailure({ kind: 'invalid-input', message: `${this.noun} ${id} is already running` })
    }
    this.watch(client)
    const job: Job<T> = { controller: new AbortController(), finished: Promise.resolve(), state }
    this.running.set(key, job)
    job.finished = work(job.controller.signal, state).finally(() => this.running.delete(key))
  }

  /** The state of a running job of this client, if any. */
  state(client: ClientSink, id: string): T | undefined {
    return this.running.get(keyOf(client, id))?.state
  }

  /** Cancels a running job; resolves once it has ended. False if it was not running. */
  async cancel(client: ClientSink, id: string): Promise<boolean> {
    const job = this.running.get(keyOf(client, id))
    if (!job) return false
    job.controller.abort()
    await job.finished
    return true
  }

  get size(): number {
    return this.running.size
  }

  /** Cancels everything (app shutdown). */
  async cancelAll(): Promise<void> {
    const jobs = [...this.running.values()]
    for (const job of jobs) job.controller.abort()
    await Promise.allSettled(jobs.map((job) => job.finished))
  }

  private watch(client: ClientSink): void {
    if (this.watched.has(client)) return
    this.watched.add(client)
    client.onClose(() => {
      for (const [key, job] of this.running) if (key.startsWith(`${client.id}\u0000`)) job.controller.abort()
    })
  }
}

const keyOf = (client: ClientSink, id: string): string => `${client.id}\u0000${id}`
