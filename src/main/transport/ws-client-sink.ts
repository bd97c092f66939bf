import { randomUUID } from 'node:crypto'
import type { WebSocket } from 'ws'
import { encodeEventFrame } from '../../shared/contract'
import type { EventMessage, EventName, EventPayloads } from '../../shared/contract'
import type { ClientSink } from '../services/client-sink'
import type { Dispatch } from '../services/dispatcher'
import { parseWsRequest } from './ws-protocol'
import type { WsServerFrame } from './ws-protocol'

/** Serves one browser-mode client over its WebSocket. */
export function attachWsClient(ws: WebSocket, dispatch: Dispatch): ClientSink {
  const closeListeners: Array<() => void> = []
  // Text for JSON frames; bytes (a row batch's binary frame) go as a binary frame.
  const sendFrame = (frame: string | Uint8Array): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame)
  }
  const send = (frame: WsServerFrame): void => sendFrame(JSON.stringify(frame))
  const client: ClientSink = {
    id: randomUUID(),
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      sendFrame(encodeEventFrame({ event, payload } as EventMessage))
    },
    onClose(listener) {
      closeListeners.push(listener)
    },
  }
  ws.on('message', (data, isBinary) => {
    if (isBinary) return send({ id: null, result: invalid('Binary frames are not accepted') })
    const request = parseWsRequest(data.toString())
    if ('error' in request) return send({ id: request.id, result: invalid(request.error) })
    void dispatch(request.method, request.input, client).then((result) => send({ id: request.id, result }))
  })
  ws.on('close', () => {
    for (const listener of closeListeners.splice(0)) listener()
  })
  ws.on('error', () => ws.terminate())
  return client
}

const invalid = (message: string) => ({ ok: false as const, error: { kind: 'invalid-input' as const, message } })
