import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createDispatcher } from '../../src/main/services/dispatcher'
import type { Handlers } from '../../src/main/services/dispatcher'
import { startBrowserServer } from '../../src/main/transport/browser-server'
import type { BrowserServer } from '../../src/main/transport/browser-server'
import { WS_MAX_PAYLOAD } from '../../src/main/transport/ws-protocol'
import { DownloadTickets } from '../../src/main/services/export/download-tickets'
import { DOWNLOAD_PATH } from '../../src/shared/contract'
import { credentialFor, credentialProtocols, send, trade } from '../helpers/browser-session'

const dispatch = createDispatcher({
  'app.info': async () => ({ name: 'Quarry', version: 'test', host: 'browser' }),
} as unknown as Handlers)

let server: BrowserServer
let rendererDir = ''
let linksUsed = 0
let credential = ''

const get = (path: string, headers: Record<string, string> = {}) => send(server.port, path, { headers })

function openSocket(protocols: string[], headers: Record<string, string> = {}, port = server.port) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)))
  })
}

function ask(ws: WebSocket, text: string) {
  return new Promise<unknown>((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())))
    ws.send(text)
  })
}

const info = JSON.stringify({ id: 1, method: 'app.info', input: {} })

beforeAll(async () => {
  const dir = (rendererDir = mkdtempSync(join(tmpdir(), 'quarry-renderer-')))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quarry</title>')
  server = await startBrowserServer({ dispatch, rendererDir: dir, onLinkUsed: () => linksUsed++ })
})
afterAll(async () => {
  await server.close()
  rmSync(rendererDir, { recursive: true, force: true })
})

describe('browser mode server', () => {
  it('listens on loopback with a random one-time token in the printed link', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    expect(server.newLink()).not.toBe(server.newLink())
  })

  it('serves the page for a fresh link, and trades the link once for a page credential', async () => {
    const link = server.newLink()
    const path = link.slice(server.origin.length)
    const page = await get(path)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Quarry</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['set-cookie']).toBeUndefined()
    const before = linksUsed
    const first = await trade(server.port, link)
    expect(first.status).toBe(200)
    expect(first.headers['set-cookie']).toBeUndefined()
    expect(first.headers['cache-control']).toBe('no-store')
    credential = (JSON.parse(first.body) as { credential: string }).credential
    expect(credential).toMatch(/^[\w-]{32}$/)
    expect(linksUsed).toBe(before + 1)
    // The same link again (a URL from the browser's history): used up, whether opened or traded.
    const replayed = await get(path)
    expect(replayed.status).toBe(410)
    expect(replayed.body).toContain('already used')
    expect((await trade(server.port, link)).status).toBe(410)
    expect(linksUsed).toBe(before + 1)
  })

  it('refuses unknown links with 401, and trades only from our own origin', async () => {
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await trade(server.port, 'wrong')).status).toBe(401)
    const link = server.newLink()
    expect((await trade(server.port, link, `http://127.0.0.1:${server.port + 1}`)).status).toBe(403)
    expect((await send(server.port, '/session', { method: 'POST', body: '{"token":1}' })).status).toBe(403)
    expect((await get('/session', { origin: server.origin })).status).toBe(405)
    // Refused trades did not use the link up.
    expect((await trade(server.port, link)).status).toBe(200)
  })

  it('refuses a foreign Host (DNS rebinding) or Origin, link or not', async () => {
    const path = server.newLink().slice(server.origin.length)
    expect((await get(path, { host: 'evil.example:80' })).status).toBe(403)
    expect((await get(path, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await get('/', { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403)
  })

  it('serves an export download once per ticket, only to our own Host and Origin', async () => {
    const downloads = new DownloadTickets()
    const other = await startBrowserServer({ dispatch, rendererDir, downloads })
    try {
      const ticket = downloads.offer(
        (response) => response.end('the file'),
        () => {},
      )
      const path = `${DOWNLOAD_PATH}${ticket}`
      const fetch = (headers: Record<string, string> = {}, method = 'GET') =>
        send(other.port, path, { headers, method })
      expect((await fetch({ origin: 'http://evil.example' })).status).toBe(403)
      expect((await fetch({ host: 'evil.example:80' })).status).toBe(403)
      expect((await fetch({}, 'POST')).status).toBe(405)
      // Refusals did not use the ticket up; the first good GET does.
      const first = await fetch()
      expect([first.status, first.body]).toEqual([200, 'the file'])
      expect((await fetch()).status).toBe(410)
      expect((await send(other.port, `${DOWNLOAD_PATH}guess`)).status).toBe(410)
      // A server without downloads (the tests' main one) has none to give.
      expect((await get(path)).status).toBe(410)
    } finally {
      await other.close()
    }
  })

  it('refuses path traversal', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(404)
  })

  it('opens a WebSocket only for a known credential carried as a subprotocol, from our origin', async () => {
    await expect(openSocket([])).rejects.toThrow(/403/)
    await expect(openSocket(credentialProtocols('not-a-credential'))).rejects.toThrow(/403/)
    // A link token is not a credential.
    const token = new URL(server.newLink()).searchParams.get('token') ?? ''
    await expect(openSocket(credentialProtocols(token))).rejects.toThrow(/403/)
    await expect(openSocket(credentialProtocols(credential), { origin: 'http://evil.example' })).rejects.toThrow(/403/)
    const ws = await openSocket(credentialProtocols(credential), { origin: server.origin })
    // The server names the fixed protocol, never the credential.
    expect(ws.protocol).toBe('quarry.v1')
    expect(await ask(ws, info)).toMatchObject({ id: 1, result: { ok: true } })
    ws.close()
  })

  it('keeps two servers (two instances) apart: each credential opens only its own', async () => {
    const other = await startBrowserServer({ dispatch, rendererDir })
    try {
      const otherCredential = await credentialFor(other.port, other.url)
      await expect(openSocket(credentialProtocols(credential), {}, other.port)).rejects.toThrow(/403/)
      await expect(openSocket(credentialProtocols(otherCredential))).rejects.toThrow(/403/)
      for (const [port, own] of [
        [server.port, credential],
        [other.port, otherCredential],
      ] as const) {
        const ws = await openSocket(credentialProtocols(own), {}, port)
        expect(await ask(ws, info)).toMatchObject({ result: { ok: true } })
        ws.close()
      }
    } finally {
      await other.close()
    }
  })

  it('answers calls over the WebSocket, and malformed frames with typed errors', async () => {
    const ws = await openSocket(credentialProtocols(credential), { origin: server.origin })
    expect(await ask(ws, info)).toEqual({
      id: 1,
      result: { ok: true, value: { name: 'Quarry', version: 'test', host: 'browser' } },
    })
    for (const junk of ['not json', '[]', '{"id":"x"}', '{"id":2}', 'null']) {
      const answer = (await ask(ws, junk)) as { result: { ok: boolean; error: { kind: string } } }
      expect(answer.result.ok).toBe(false)
      expect(answer.result.error.kind).toBe('invalid-input')
    }
    const unknown = (await ask(ws, JSON.stringify({ id: 3, method: 'nope', input: {} }))) as {
      id: number
      result: { ok: boolean }
    }
    expect(unknown).toMatchObject({ id: 3, result: { ok: false } })
    // Still serving after all that.
    expect(await ask(ws, JSON.stringify({ id: 4, method: 'app.info', input: {} }))).toMatchObject({
      id: 4,
      result: { ok: true },
    })
    ws.close()
  })

  it('answers a frame above WS_MAX_PAYLOAD with a typed error naming its size, and keeps the socket', async () => {
    const ws = await openSocket(credentialProtocols(credential), { origin: server.origin })
    let closed = false
    ws.on('close', () => (closed = true))
    const changes = 'x'.repeat(WS_MAX_PAYLOAD + 1024 * 1024)
    const answer = (await ask(ws, JSON.stringify({ id: 5, method: 'edits.apply', input: { changes } }))) as {
      id: number
      result: { ok: boolean; error: { kind: string; message: string } }
    }
    expect(answer).toMatchObject({ id: 5, result: { ok: false, error: { kind: 'invalid-input' } } })
    expect(answer.result.error.message).toBe(
      'This apply is too large for one message in browser mode (12.0 MiB, limit 11 MiB): apply it in parts',
    )
    expect(await ask(ws, JSON.stringify({ id: 6, method: 'app.info', input: {} }))).toMatchObject({
      id: 6,
      result: { ok: true },
    })
    expect(closed).toBe(false)
    ws.close()
  })
})
