import { CREDENTIAL_PROTOCOL_PREFIX, LINK_TOKEN_PARAM, SESSION_PATH, WS_PROTOCOL } from '../../../shared/contract'
import type { SessionGrant } from '../../../shared/contract'

/** Where this page keeps its credential: sessionStorage is per tab and per origin (port included). */
const STORAGE_KEY = 'quarry.credential'
const TRADE_TIMEOUT_MS = 10_000
const NEW_LINK = 'Open the newest link printed by `npm run serve`.'

/**
 * Browser mode's credential for this page. Opened through a printed link, the page trades the
 * link's one-time token for its own credential (and drops the token from the address bar); on a
 * reload it uses the one it kept. Throws an Error that says what to do when it has none.
 */
export async function pageCredential(): Promise<string> {
  const url = new URL(location.href)
  const token = url.searchParams.get(LINK_TOKEN_PARAM)
  if (token === null) {
    const kept = sessionStorage.getItem(STORAGE_KEY)
    if (kept === null) throw new Error(`This page has no Quarry session. ${NEW_LINK}`)
    return kept
  }
  url.searchParams.delete(LINK_TOKEN_PARAM)
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
  const response = await fetch(SESSION_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ [LINK_TOKEN_PARAM]: token }),
    credentials: 'omit',
    cache: 'no-store',
    signal: AbortSignal.timeout(TRADE_TIMEOUT_MS),
  })
  const body = (await response.json().catch(() => ({}))) as Partial<SessionGrant> & { error?: string }
  if (!response.ok || typeof body.credential !== 'string')
    throw new Error(body.error ?? `The Quarry server refused this link (${response.status}). ${NEW_LINK}`)
  sessionStorage.setItem(STORAGE_KEY, body.credential)
  return body.credential
}

/** The WebSocket subprotocols that carry a credential: the server answers with WS_PROTOCOL alone. */
export const credentialProtocols = (credential: string): string[] => [
  WS_PROTOCOL,
  `${CREDENTIAL_PROTOCOL_PREFIX}${credential}`,
]

/** What to say when the WebSocket will not open with this page's credential. */
export const SESSION_LOST = `Cannot reach the Quarry server, or it no longer knows this page (was it restarted?). ${NEW_LINK}`
