import type { IncomingMessage, ServerResponse } from 'node:http'
import { LINK_TOKEN_PARAM } from '../../shared/contract'
import type { SessionGrant } from '../../shared/contract'
import type { BrowserAuth } from './browser-auth'
import type { BrowserSessions, LinkState } from './browser-sessions'

/** Largest body a credential trade may have, and how long the client has to send it. */
const MAX_BODY = 1024
const BODY_TIMEOUT_MS = 5_000

/** What a refused link says, as a page: the printed command gives a fresh one. */
export const LINK_REFUSALS: Record<Exclude<LinkState, 'fresh'>, { status: number; message: string }> = {
  used: {
    status: 410,
    message:
      'This Quarry link was already used: each link opens one page once. ' +
      'Use the newest link printed by `npm run serve` (it prints a fresh one after each use), or restart it.',
  },
  unknown: {
    status: 401,
    message:
      'This Quarry link is not valid (wrong, too old, or from an earlier run of the server). ' +
      'Open the newest link printed by `npm run serve`.',
  },
}

/**
 * POST /session: trades a link token (`{"token": …}`) for the page's own credential. Only our own
 * page may ask: the Origin must be present and ours (Host is checked before this is reached).
 */
export async function tradeLink(
  request: IncomingMessage,
  response: ServerResponse,
  auth: BrowserAuth,
  sessions: BrowserSessions,
  onLinkUsed: () => void,
): Promise<void> {
  if (request.method !== 'POST') return answer(response, 405, { error: 'Method not allowed' })
  if (!auth.originOurs(request.headers.origin)) return answer(response, 403, { error: 'Forbidden origin' })
  const token = tokenOf(await readBody(request))
  if (token === null) return answer(response, 400, { error: `Expected {"${LINK_TOKEN_PARAM}": "…"}` })
  const traded = sessions.redeem(token)
  if ('refused' in traded) {
    const refusal = LINK_REFUSALS[traded.refused]
    return answer(response, refusal.status, { error: refusal.message })
  }
  answer(response, 200, { credential: traded.credential } satisfies SessionGrant)
  onLinkUsed()
}

function tokenOf(body: string | null): string | null {
  try {
    const value: unknown = body === null ? null : JSON.parse(body)
    const token = (value as Record<string, unknown> | null)?.[LINK_TOKEN_PARAM]
    return typeof token === 'string' && token.length <= 256 ? token : null
  } catch {
    return null
  }
}

/** The request's body as text; null when it is too large or too slow. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = ''
    const timer = setTimeout(() => finish(null), BODY_TIMEOUT_MS)
    const finish = (value: string | null): void => {
      clearTimeout(timer)
      request.removeAllListeners('data')
      resolve(value)
    }
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
      if (text.length > MAX_BODY) finish(null)
    })
    request.once('end', () => finish(text))
    request.once('error', () => finish(null))
  })
}

function answer(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}
