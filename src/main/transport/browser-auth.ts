import type { IncomingMessage } from 'node:http'
import { CREDENTIAL_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../shared/contract'

/** The subprotocols a WebSocket upgrade asks for (Sec-WebSocket-Protocol, comma-separated). */
export function offeredProtocols(request: IncomingMessage): string[] {
  return (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '')
}

/** The page's credential, from its WebSocket subprotocols (never from a cookie or a URL). */
export function credentialOf(request: IncomingMessage): string | null {
  const protocols = offeredProtocols(request)
  if (!protocols.includes(WS_PROTOCOL)) return null
  const carrier = protocols.find((protocol) => protocol.startsWith(CREDENTIAL_PROTOCOL_PREFIX))
  return carrier ? carrier.slice(CREDENTIAL_PROTOCOL_PREFIX.length) : null
}

/**
 * The checks every browser-mode request passes: the Host header names our loopback address
 * (no DNS rebinding) and a present Origin is our own (no page of another origin, other ports of
 * 127.0.0.1 included).
 */
export class BrowserAuth {
  constructor(private readonly allowedHosts: () => string[]) {}

  hostAllowed(request: IncomingMessage): boolean {
    return this.allowedHosts().includes(request.headers.host ?? '')
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin
    if (origin === undefined) return true
    return this.originOurs(origin)
  }

  /** A present Origin that is ours: what a credential trade needs (browsers send it on every POST). */
  originOurs(origin: string | undefined): boolean {
    return origin !== undefined && this.allowedHosts().some((host) => origin === `http://${host}`)
  }
}
