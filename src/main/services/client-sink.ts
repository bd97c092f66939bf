import type { EventName, EventPayloads } from '../../shared/contract'

/**
 * One connected renderer, as the services see it: somewhere to push events, and a signal when it
 * goes away. The services never know whether Electron IPC or a WebSocket carries the messages.
 */
export interface ClientSink {
  readonly id: string
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Called once when the client disconnects (window closed, socket dropped). */
  onClose(listener: () => void): void
}
