import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'

/** How long a download link waits for the browser's GET before it lapses. */
export const DOWNLOAD_TICKET_MS = 60_000

interface Ticket {
  /** Starts the export into the response of the GET that claimed the ticket. */
  start: (response: ServerResponse) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * One-time download links of browser mode. A page asks for a download over its WebSocket (so with
 * its credential); the answer is an unguessable path the page opens once as a browser download.
 * The ticket is used up by its first GET and lapses (`onLapse`) when no GET came in time. The
 * credential itself never goes into a URL.
 */
export class DownloadTickets {
  private readonly tickets = new Map<string, Ticket>()

  constructor(private readonly ttlMs = DOWNLOAD_TICKET_MS) {}

  offer(start: Ticket['start'], onLapse: () => void): string {
    const id = randomBytes(32).toString('base64url')
    const timer = setTimeout(() => {
      if (this.tickets.delete(id)) onLapse()
    }, this.ttlMs)
    timer.unref?.()
    this.tickets.set(id, { start, timer })
    return id
  }

  /** The ticket's export, started into `response`; false when the ticket is unknown, used or lapsed. */
  claim(id: string, response: ServerResponse): boolean {
    const ticket = this.tickets.get(id)
    if (!ticket) return false
    this.tickets.delete(id)
    clearTimeout(ticket.timer)
    ticket.start(response)
    return true
  }

  get size(): number {
    return this.tickets.size
  }
}
