import type { EventMessage, EventPayloads } from './events'
import type { EncodedRows } from './values'

/**
 * Server→client frame codec of browser mode. Row batches are already JSON text, so they travel
 * as `B<header JSON>\n<rows JSON>`: never escaped inside another JSON string, parsed once.
 * Every other frame is plain JSON.
 */
const BATCH_PREFIX = 'B'

export function encodeEventFrame(message: EventMessage): string {
  if (message.event === 'query.batch') {
    const { rows, ...header } = message.payload
    return `${BATCH_PREFIX}${JSON.stringify(header)}\n${rows}`
  }
  return JSON.stringify(message)
}

/** Decodes a server frame: an event, or anything else as parsed JSON (answers to requests). */
export function decodeServerFrame(frame: string): unknown {
  if (!frame.startsWith(BATCH_PREFIX)) return JSON.parse(frame)
  const newline = frame.indexOf('\n')
  const header = JSON.parse(frame.slice(1, newline)) as Omit<EventPayloads['query.batch'], 'rows'>
  const payload: EventPayloads['query.batch'] = { ...header, rows: frame.slice(newline + 1) as EncodedRows }
  return { event: 'query.batch', payload } satisfies EventMessage
}
