import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { DOWNLOAD_PATH, LINK_TOKEN_PARAM, SESSION_PATH, UPLOAD_PATH, WS_PROTOCOL } from '../../shared/contract'
import type { Dispatch } from '../services/dispatcher'
import type { DownloadTickets } from '../services/export/download-tickets'
import { UploadRefusal, type UploadStore } from '../services/import/upload-store'
import { BrowserAuth, credentialOf } from './browser-auth'
import { BrowserSessions } from './browser-sessions'
import { LINK_REFUSALS, tradeLink } from './session-route'
import { serveStatic } from './static-files'
import { attachWsClient } from './ws-client-sink'
import { WS_HARD_PAYLOAD } from './ws-protocol'

export interface BrowserServerOptions {
  dispatch: Dispatch
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  /** Export downloads: one-time links handed to a page over its WebSocket, served at DOWNLOAD_PATH. */
  downloads?: DownloadTickets | null
  /** Import uploads: slices PUT to a ticket a page got over its WebSocket, at UPLOAD_PATH. */
  uploads?: UploadStore | null
  /** Called after a page used a link (`npm run serve` then prints a fresh one). */
  onLinkUsed?: () => void
}

export interface BrowserServer {
  /** The first one-time link (`http://127.0.0.1:PORT/?token=…`). */
  url: string
  /** `http://127.0.0.1:PORT`, no credential. */
  origin: string
  port: number
  /** A fresh one-time link. */
  newLink(): string
  close(): Promise<void>
}

/** Content-Security-Policy of browser mode, as strict as the desktop window's. */
export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

/**
 * Browser mode: the renderer and the same services behind a web server bound to 127.0.0.1 only.
 * Every request needs our own Host and Origin. The app's files are served to any such request (they
 * hold no secret); the services are reached only over a WebSocket that presents a page credential,
 * traded once for a printed link's token. No cookie is ever set, so no other port's server (nor
 * another Quarry) ever receives one.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  let port = options.port ?? 0
  const auth = new BrowserAuth(() => [`127.0.0.1:${port}`, `localhost:${port}`])
  const sessions = new BrowserSessions()
  const onLinkUsed = options.onLinkUsed ?? (() => undefined)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_HARD_PAYLOAD,
    perMessageDeflate: false,
    // The answer names the protocol, never the credential.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  })
  const server: Server = createServer((request, response) => {
    handleHttp(request, response, auth, sessions, options, onLinkUsed).catch(() =>
      refuse(response, 500, 'Internal error'),
    )
  })
  server.on('upgrade', (request, socket, head) => {
    // Node leaves an upgraded socket without an 'error' listener: a client that resets it while
    // it is refused (or mid-handshake) must not end the process.
    socket.on('error', () => socket.destroy())
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const credential = credentialOf(request)
    const allowed =
      url.pathname === '/ws' &&
      auth.hostAllowed(request) &&
      auth.originAllowed(request) &&
      credential !== null &&
      sessions.hasCredential(credential)
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
  const origin = `http://127.0.0.1:${port}`
  const newLink = (): string => `${origin}/?${LINK_TOKEN_PARAM}=${sessions.newLink()}`
  return {
    url: newLink(),
    origin,
    port,
    newLink,
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
  sessions: BrowserSessions,
  options: BrowserServerOptions,
  onLinkUsed: () => void,
): Promise<void> {
  if (!auth.hostAllowed(request) || !auth.originAllowed(request))
    return refuse(response, 403, 'Forbidden host or origin')
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  response.setHeader('Content-Security-Policy', BROWSER_CSP)
  response.setHeader('X-Content-Type-Options', 'nosniff')
  response.setHeader('Referrer-Policy', 'no-referrer')
  response.setHeader('Cache-Control', 'no-store')
  if (url.pathname === SESSION_PATH) return tradeLink(request, response, auth, sessions, onLinkUsed)
  if (url.pathname.startsWith(UPLOAD_PATH)) return receiveSlice(request, response, url, options.uploads)
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed')
  // An export download: the one-time ticket a page got over its WebSocket, used up by this GET.
  if (url.pathname.startsWith(DOWNLOAD_PATH)) {
    const ticket = url.pathname.slice(DOWNLOAD_PATH.length)
    if (request.method === 'GET' && options.downloads?.claim(ticket, response)) return
    return refuse(response, 410, 'This download link was used already or has expired: export again')
  }
  // A link is checked when it is opened, and used up by the page's trade: a replay is told so.
  const token = url.searchParams.get(LINK_TOKEN_PARAM)
  const state = token === null ? 'fresh' : sessions.linkState(token)
  if (state !== 'fresh') return refuse(response, LINK_REFUSALS[state].status, LINK_REFUSALS[state].message)
  if (!(await serveStatic(options.rendererDir, url.pathname, response))) refuse(response, 404, 'Not found')
}

/** One slice of an import upload: `PUT UPLOAD_PATH<ticket>?offset=N`; answers the bytes received so far. */
async function receiveSlice(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  uploads: UploadStore | null | undefined,
): Promise<void> {
  if (request.method !== 'PUT' || !uploads) return refuse(response, 405, 'Method not allowed')
  const offset = Number(url.searchParams.get('offset'))
  try {
    const received = await uploads.receive(url.pathname.slice(UPLOAD_PATH.length), offset, request)
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ received }))
  } catch (e) {
    // The rest of a refused body is not read: the connection closes after the answer.
    response.setHeader('Connection', 'close')
    refuse(response, e instanceof UploadRefusal ? e.status : 500, e instanceof Error ? e.message : 'Upload failed')
  }
}

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.destroy()
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(message)
}
