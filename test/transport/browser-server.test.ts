import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createDispatcher } from '../../src/main/services/dispatcher'
import type { Handlers } from '../../src/main/services/dispatcher'
import { startBrowserServer } from '../../src/main/transport/browser-server'
import type { BrowserServer } from '../../src/main/transport/browser-server'

const dispatch = createDispatcher({
  'app.info': async () => ({ name: 'Quarry', version: 'test', host: 'browser' }),
} as unknown as Handlers)

let server: BrowserServer
let rendererDir = ''
let cookie = ''

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    },
  )
}

function openSocket(headers: Record<string, string>) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers })
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

beforeAll(async () => {
  const dir = (rendererDir = mkdtempSync(join(tmpdir(), 'quarry-renderer-')))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quarry</title>')
  server = await startBrowserServer({ dispatch, rendererDir: dir })
})
afterAll(async () => {
  await server.close()
  rmSync(rendererDir, { recursive: true, force: true })
})

describe('browser mode server', () => {
  it('listens on loopback with a random token in the printed URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
  })

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401)
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await get('/index.html', { cookie: 'quarry_session=wrong' })).status).toBe(401)
  })

  it('trades the URL token for an HttpOnly cookie, then serves the app', async () => {
    const first = await get(`/?token=${server.token}`)
    expect(first.status).toBe(303)
    const setCookie = String(first.headers['set-cookie'])
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    cookie = setCookie.split(';')[0] ?? ''
    const page = await get('/', { cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Quarry</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses a foreign Host (DNS rebinding) or Origin even with the token', async () => {
    expect((await get('/', { cookie, host: 'evil.example:80' })).status).toBe(403)
    expect((await get('/', { cookie, origin: 'http://evil.example' })).status).toBe(403)
  })

  it('refuses path traversal', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd', { cookie })).status).toBe(404)
  })

  it('refuses WebSockets without the session cookie or from another origin', async () => {
    await expect(openSocket({})).rejects.toThrow(/403/)
    await expect(openSocket({ cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/)
  })

  it('answers calls over the WebSocket, and malformed frames with typed errors', async () => {
    const ws = await openSocket({ cookie, origin: `http://127.0.0.1:${server.port}` })
    expect(await ask(ws, JSON.stringify({ id: 1, method: 'app.info', input: {} }))).toEqual({
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
})
