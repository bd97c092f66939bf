import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Dispatch } from '../services/dispatcher'
import { BrowserAuth, newToken } from './browser-auth'
import { serveStatic } from './static-files'
import { attachWsClient } from './ws-client-sink'
import { WS_MAX_PAYLOAD } from './ws-protocol'

export interface BrowserServerOptions {
  dispatch: Dispatch
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  token?: string
}

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/** Content-Security-Policy of browser mode, as strict as the desktop window's. */
export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

/**
 * Browser mode: the renderer and the same services behind a web server bound to 127.0.0.1 only.
 * Every HTTP request and WebSocket upgrade needs the session token (URL once, then cookie) and
 * our own Host/Origin.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken()
  let port = options.port ?? 0
  const auth = new BrowserAuth(token, () => [`127.0.0.1:${port}`, `localhost:${port}`])
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false })
  const server: Server = createServer((request, response) => {
    handleHttp(request, response, auth, options.rendererDir).catch(() => refuse(response, 500, 'Internal error'))
  })
  server.on('upgrade', (request, socket, head) => {
    // Node leaves an upgraded socket without an 'error' listener: a client that resets it while
    // it is refused (or mid-handshake) must not end the process.
    socket.on('error', () => socket.destroy())
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const allowed =
      url.pathname === '/ws' &&
      auth.hostAllowed(request) &&
      auth.originAllowed(request) &&
      auth.tokenFromCookie(request)
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => attachWsClient(ws, options.dispatch))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  auth: BrowserAuth,
  rendererDir: string,
): Promise<void> {
  if (!auth.hostAllowed(request) || !auth.originAllowed(request))
    return refuse(response, 403, 'Forbidden host or origin')
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed')
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  response.setHeader('Content-Security-Policy', BROWSER_CSP)
  response.setHeader('X-Content-Type-Options', 'nosniff')
  response.setHeader('Referrer-Policy', 'no-referrer')
  if (auth.tokenFromUrl(url)) {
    // Trade the URL token for a cookie once, and drop it from the address bar and history.
    response.writeHead(303, { 'Set-Cookie': auth.sessionCookie(), Location: url.pathname })
    response.end()
    return
  }
  if (!auth.tokenFromCookie(request))
    return refuse(response, 401, 'Quarry: missing or wrong session token. Open the URL printed by `npm run serve`.')
  if (!(await serveStatic(rendererDir, url.pathname, response))) refuse(response, 404, 'Not found')
}

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.destroy()
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(message)
}
