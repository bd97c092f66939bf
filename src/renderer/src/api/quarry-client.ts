import type {
  EventMessage,
  MethodInput,
  MethodName,
  MethodOutput,
  QuarryBridge,
  Result,
} from '../../../shared/contract'
import { SESSION_LOST, credentialProtocols, pageCredential } from './browser-session'
import { connectWebSocketBridge } from './ws-bridge'

/** The renderer's typed view of the contract, over whichever transport the host provides. */
export interface QuarryClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  onEvent(listener: (message: EventMessage) => void): () => void
}

declare global {
  interface Window {
    quarry?: QuarryBridge
  }
}

function typed(bridge: QuarryBridge): QuarryClient {
  return {
    call: (method, input) => bridge.methods[method](input) as Promise<Result<MethodOutput<typeof method>>>,
    onEvent: (listener) => bridge.onEvent(listener),
  }
}

/** Electron's preload bridge when present, else browser mode's WebSocket to the page's own server. */
export async function createQuarryClient(): Promise<QuarryClient> {
  if (window.quarry) return typed(window.quarry)
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  const credential = await pageCredential()
  return typed(
    await connectWebSocketBridge(`${protocol}//${location.host}/ws`, credentialProtocols(credential), SESSION_LOST),
  )
}
