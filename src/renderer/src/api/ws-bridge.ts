import { METHOD_NAMES, decodeServerFrame, frameTooLarge } from '../../../shared/contract'
import type { EventMessage, MethodName, QuarryBridge, Result } from '../../../shared/contract'

type Pending = (result: Result<unknown>) => void

const lost: Result<never> = {
  ok: false,
  error: { kind: 'connection', message: 'Lost the connection to the Quarry server. Reload the page to reconnect.' },
}

/**
 * Browser mode's bridge: the same named functions as the preload's, over one WebSocket opened with
 * `protocols` (which carry the page's credential). `refused` is the error when it will not open.
 */
export function connectWebSocketBridge(url: string, protocols: string[], refused: string): Promise<QuarryBridge> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols)
    // Row batches come as binary frames, read in place from the ArrayBuffer (ws-frames.ts).
    socket.binaryType = 'arraybuffer'
    const pending = new Map<number, Pending>()
    const listeners = new Set<(message: EventMessage) => void>()
    let nextId = 1
    const call = (method: MethodName, input: unknown): Promise<Result<unknown>> => {
      if (socket.readyState !== WebSocket.OPEN) return Promise.resolve(lost)
      const id = nextId++
      const text = JSON.stringify({ id, method, input })
      // The server would refuse it anyway: say so without sending megabytes.
      const tooLarge = frameTooLarge(method, text)
      if (tooLarge) return Promise.resolve({ ok: false, error: { kind: 'invalid-input', message: tooLarge } })
      socket.send(text)
      return new Promise((settle) => pending.set(id, settle))
    }
    socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
      const frame = decodeServerFrame(event.data) as { id?: number | null; result?: Result<unknown> } | EventMessage
      if ('event' in frame) {
        for (const listener of listeners) listener(frame)
      } else if (typeof frame.id === 'number' && frame.result) {
        pending.get(frame.id)?.(frame.result)
        pending.delete(frame.id)
      }
    })
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle(lost)
      pending.clear()
      document.dispatchEvent(new CustomEvent('quarry:disconnected'))
    })
    socket.addEventListener('error', () => reject(new Error(refused)))
    socket.addEventListener('open', () =>
      resolve({
        methods: Object.fromEntries(
          METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)]),
        ) as QuarryBridge['methods'],
        onEvent(listener) {
          listeners.add(listener)
          return () => listeners.delete(listener)
        },
      }),
    )
  })
}
