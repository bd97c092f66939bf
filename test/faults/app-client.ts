import { randomUUID } from 'node:crypto'
import type { EventName, EventPayloads } from '../../src/shared/contract'
import type { ConnectionProfile, Result } from '../../src/shared/contract'
import type { ClientSink } from '../../src/main/services/client-sink'
import type { Dispatch } from '../../src/main/services/dispatcher'

type End = EventPayloads['query.end']

/**
 * One renderer as the services see it: calls through the dispatcher, acknowledges every batch as
 * the grid does (or holds them, to keep a query mid-stream), and can go away (window closed).
 */
export function appClient(dispatch: Dispatch) {
  const ends = new Map<string, (end: End) => void>()
  const firstBatch = new Map<string, () => void>()
  const closers: Array<() => void> = []
  /** Rows received per query, summed from the batches as the grid would store them. */
  const received = new Map<string, number>()
  let holdAcks = false
  const held: Array<{ queryId: string; seq: number }> = []
  const client: ClientSink = {
    id: randomUUID(),
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      if (event === 'query.batch') {
        const batch = payload as EventPayloads['query.batch']
        received.set(batch.queryId, (received.get(batch.queryId) ?? 0) + batch.count)
        firstBatch.get(batch.queryId)?.()
        if (holdAcks) held.push({ queryId: batch.queryId, seq: batch.seq })
        else void dispatch('query.ack', { queryId: batch.queryId, seq: batch.seq }, client)
      }
      if (event === 'query.end') {
        // A query that ends before any rows releases its waiters too, so a test fails rather than hangs.
        firstBatch.get((payload as End).queryId)?.()
        ends.get((payload as End).queryId)?.(payload as End)
      }
    },
    onClose: (listener) => closers.push(listener),
  }
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await dispatch(method, input, client)) as Result<T>
    if (!result.ok) throw new Error(`${method} failed: ${result.error.kind}: ${result.error.message}`)
    return result.value
  }
  return {
    client,
    received: (queryId: string) => received.get(queryId) ?? 0,
    /** Forgets what finished queries left behind (the grid would drop their tabs). */
    forget(queryId: string) {
      received.delete(queryId)
      ends.delete(queryId)
      firstBatch.delete(queryId)
    },
    dispatch: (method: string, input: unknown) => dispatch(method, input, client),
    call,
    /** Saves a connection as the dialog does; resolves to its id. */
    save: async (profile: ConnectionProfile, password?: string) =>
      (await call<{ id: string }>('connections.save', { profile, ...(password ? { password } : {}) })).id,
    /** Starts a query; `ended` resolves with its query.end, `firstRows` once its first batch arrives. */
    start(connectionId: string, sql: string, queryId = randomUUID()) {
      const ended = new Promise<End>((resolve) => ends.set(queryId, resolve))
      const firstRows = new Promise<void>((resolve) => firstBatch.set(queryId, resolve))
      const started = dispatch('query.start', { connectionId, queryId, sql }, client)
      return { queryId, started, ended, firstRows }
    },
    /** Runs a query to its end. */
    async run(connectionId: string, sql: string) {
      const query = this.start(connectionId, sql)
      const started = await query.started
      if (!started.ok) throw new Error(`query.start failed: ${started.error.message}`)
      return query.ended
    },
    /** Holds acknowledgements (the query pauses after a few batches); releasing sends the held ones. */
    holdAcks(hold: boolean) {
      holdAcks = hold
      if (!hold) for (const ack of held.splice(0)) void dispatch('query.ack', ack, client)
    },
    /** The window closes: the transport tells the services the client is gone. */
    disconnect: () => closers.splice(0).forEach((close) => close()),
  }
}
