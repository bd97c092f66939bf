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

/** Largest frame a browser-mode client may send: the contract's SQL limit plus room for the envelope. */
export const WS_MAX_PAYLOAD = 11 * 1024 * 1024

const MIB = 1024 * 1024

/** A text's size in UTF-8 bytes. */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length

/**
 * Why a client frame of `method` is too large to send (its UTF-8 size above WS_MAX_PAYLOAD), or
 * null. Checked by the page before sending and by the server on receipt, so a large request is
 * answered with an error instead of the socket being closed.
 */
export function frameTooLarge(method: string | null, text: string): string | null {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: most frames need no encoding to be measured.
  if (text.length * 3 <= WS_MAX_PAYLOAD) return null
  const bytes = utf8Length(text)
  return bytes <= WS_MAX_PAYLOAD ? null : tooLargeMessage(method, bytes)
}

/** The message for a frame of `bytes` UTF-8 bytes above WS_MAX_PAYLOAD. */
export function tooLargeMessage(method: string | null, bytes: number): string {
  const size = `${(bytes / MIB).toFixed(1)} MiB, limit ${WS_MAX_PAYLOAD / MIB} MiB`
  if (method === 'edits.apply')
    return `This apply is too large for one message in browser mode (${size}): apply it in parts`
  if (method === 'edits.preview')
    return `This review is too large for one message in browser mode (${size}): apply it in parts`
  return `This request is too large for one message in browser mode (${size})`
}
