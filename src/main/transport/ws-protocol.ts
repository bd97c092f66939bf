import { frameTooLarge } from '../../shared/contract'
import type { EventMessage, Result } from '../../shared/contract'
import { frameShapeProblem, frameValueLimit, leadingId, leadingMethod } from './frame-shape'

export { MAX_EDIT_FRAME_VALUES, MAX_FRAME_DEPTH, MAX_FRAME_VALUES } from './frame-shape'

/** A request from a browser-mode client over the WebSocket. */
export interface WsRequest {
  id: number
  method: string
  input: unknown
}

/** A frame from the server: an answer to request `id`, or a pushed event. */
export type WsServerFrame = { id: number | null; result: Result<unknown> } | EventMessage

export { WS_MAX_PAYLOAD } from '../../shared/contract'

/**
 * The socket's own limit (`ws` closes the connection with 1009 above it): frames between
 * WS_MAX_PAYLOAD and this are received and answered with an error, so the session survives.
 */
export const WS_HARD_PAYLOAD = 32 * 1024 * 1024

/** Parses a client frame without trusting it. Returns null when it is not a request at all. */
export function parseWsRequest(data: string): WsRequest | { error: string; id: number | null } {
  const tooLarge = frameTooLarge(leadingMethod(data), data)
  if (tooLarge) return { error: tooLarge, id: leadingId(data) }
  const named = leadingMethod(data)
  const problem = frameShapeProblem(data, frameValueLimit(named))
  if (problem) return { error: `Malformed message: ${problem}`, id: leadingId(data) }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { error: 'Malformed message: not JSON', id: null }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'Malformed message: expected an object', id: null }
  }
  const { id, method, input } = value as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    return { error: 'Malformed message: id must be an integer', id: null }
  if (typeof method !== 'string') return { error: 'Malformed message: method must be a string', id }
  // A frame let through with a larger limit must be the method it named first (no second "method" key).
  if (named !== null && named !== method) return { error: 'Malformed message: method named twice', id }
  return { id, method, input }
}
