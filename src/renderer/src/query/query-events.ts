import type { EventMessage } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'

type Handler = (message: EventMessage) => void

/** Routes pushed query events to the run that owns each query id. One subscription per client. */
export class QueryEventRouter {
  private readonly handlers = new Map<string, Handler>()

  constructor(client: QuarryClient) {
    client.onEvent((message) => {
      // Import events are keyed by their import id, and go to whoever listens for imports.
      if ('queryId' in message.payload) this.handlers.get(message.payload.queryId)?.(message)
    })
  }

  register(queryId: string, handler: Handler): () => void {
    this.handlers.set(queryId, handler)
    return () => this.handlers.delete(queryId)
  }
}
