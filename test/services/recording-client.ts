import type { EventMessage, EventName, EventPayloads } from '../../src/shared/contract'
import type { ClientSink } from '../../src/main/services/client-sink'

/** A ClientSink that records every event, and can simulate a disconnect. */
export function recordingClient(id = 'test-client') {
  const events: EventMessage[] = []
  const closers: Array<() => void> = []
  const client: ClientSink = {
    id,
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      events.push({ event, payload } as EventMessage)
    },
    onClose: (listener) => closers.push(listener),
  }
  const ended = () => events.find((e) => e.event === 'query.end')?.payload as EventPayloads['query.end'] | undefined
  const waitForEnd = async (timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs
    while (!ended()) {
      if (Date.now() > deadline) throw new Error('query did not end')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return ended()!
  }
  return { client, events, disconnect: () => closers.forEach((close) => close()), waitForEnd }
}
