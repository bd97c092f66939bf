import type { EventMessage, Result } from '../../shared/contract'
import { frameShapeProblem, leadingId } from './frame-shape'

export { MAX_FRAME_DEPTH, MAX_FRAME_VALUES } from './frame-shape'

/** A request from a browser-mode client over the WebSocket. */
export interface WsRequest {
  id: number
  method: string
  input: unknown
}

/** A frame from the server: an answer to request `id`, or a pushed event. */
export type WsServerFrame = { id: number | null; result: Result<unknown> } | EventMessage

/** Largest frame a client may send: the contract's SQL limit plus room for the envelope. */
export const WS_MAX_PAYLOAD = 11 * 1024 * 1024

/** Parses a client frame without trusting it. Returns null when it is not a request at all. */
export function parseWsRequest(data: string): WsRequest | { error: string; id: number | null } {
  const problem = frameShapeProblem(data)
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
  return { id, method, input }
}
