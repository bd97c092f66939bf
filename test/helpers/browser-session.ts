import { request } from 'node:http'
import { CREDENTIAL_PROTOCOL_PREFIX, SESSION_PATH, WS_PROTOCOL } from '../../src/shared/contract'

/** An HTTP answer as the tests read it. */
export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Sends one request to a browser-mode server's port (Host is 127.0.0.1:port unless given). */
export function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${path} in 10 s`)))
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Trades a link (its URL or token) at /session, as the page does, with our own Origin unless given. */
export function trade(port: number, link: string, origin = `http://127.0.0.1:${port}`): Promise<Answer> {
  const token = link.includes('?') ? (new URL(link).searchParams.get('token') ?? '') : link
  return send(port, SESSION_PATH, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  })
}

/** A page credential for a link (which it uses up). */
export async function credentialFor(port: number, link: string): Promise<string> {
  const answer = await trade(port, link)
  if (answer.status !== 200) throw new Error(`link refused: ${answer.status} ${answer.body}`)
  return (JSON.parse(answer.body) as { credential: string }).credential
}

/** The WebSocket subprotocols that present a credential, as the page sends them. */
export const credentialProtocols = (credential: string): string[] => [
  WS_PROTOCOL,
  `${CREDENTIAL_PROTOCOL_PREFIX}${credential}`,
]
