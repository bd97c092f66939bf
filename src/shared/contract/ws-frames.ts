import type { EventMessage, EventPayloads } from './events'
import { align8 } from './row-batch'
import type { EncodedRows } from './row-batch'

/**
 * Server→client frame codec of browser mode. A row batch travels as one binary frame, its bytes
 * never turned into text: [u32 LE header length][header JSON, UTF-8][zeros to a multiple of 8]
 * [the batch]. The padding lets the page read the batch in place (row-batch.ts wants 8-aligned
 * sections). Every other frame is a text frame of plain JSON.
 */
export function encodeEventFrame(message: EventMessage): string | Uint8Array {
  if (message.event !== 'query.batch') return JSON.stringify(message)
  const { rows, ...header } = message.payload
  const json = new TextEncoder().encode(JSON.stringify(header))
  const start = align8(4 + json.length)
  const frame = new Uint8Array(start + rows.byteLength)
  new DataView(frame.buffer).setUint32(0, json.length, true)
  frame.set(json, 4)
  frame.set(rows, start)
  return frame
}

/** Decodes a server frame: an event, or anything else as parsed JSON (answers to requests). */
export function decodeServerFrame(frame: string | ArrayBuffer): unknown {
  if (typeof frame === 'string') return JSON.parse(frame)
  const length = frame.byteLength >= 4 ? new DataView(frame).getUint32(0, true) : -1
  const start = align8(4 + length)
  if (length < 0 || start > frame.byteLength) throw new Error(`Malformed batch frame of ${frame.byteLength} bytes`)
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, length))) as Omit<
    EventPayloads['query.batch'],
    'rows'
  >
  // A view on the frame's own buffer: the batch is kept as received, not copied.
  const rows = new Uint8Array(frame, start) as EncodedRows
  return { event: 'query.batch', payload: { ...header, rows } } satisfies EventMessage
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
