import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/browser-mode'

/**
 * A page on another origin — another port of 127.0.0.1 (same site), or localhost — that knows
 * Quarry's port cannot read its pages nor open its WebSocket, while Quarry is open in the same
 * browser (which holds no cookie for it: the page's credential lives in the page). And a
 * DNS-rebound name pointing at Quarry's own port is refused by its Host check.
 */
let attacker: Server
let attackerPort = 0

test.beforeAll(async () => {
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>Not Quarry</title><p>hello</p>')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerPort = (attacker.address() as AddressInfo).port
})
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())))

/** From inside a page: try to read Quarry over HTTP and to call it over a WebSocket. */
async function attack(page: Page, quarryPort: number) {
  return page.evaluate(async (port) => {
    const read = async (url: string) => {
      try {
        const response = await fetch(url, { credentials: 'include' })
        return `read ${response.status}: ${(await response.text()).slice(0, 60)}`
      } catch (error) {
        return `blocked: ${String(error)}`
      }
    }
    const socket = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url)
        const timer = setTimeout(() => resolve('no answer'), 5000)
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'connections.list', input: {} }))
        ws.onmessage = (event) => {
          clearTimeout(timer)
          resolve(`answered: ${String(event.data).slice(0, 80)}`)
        }
        ws.onerror = () => {
          clearTimeout(timer)
          resolve('refused')
        }
      })
    return {
      http127: await read(`http://127.0.0.1:${port}/`),
      httpLocalhost: await read(`http://localhost:${port}/`),
      ws127: await socket(`ws://127.0.0.1:${port}/ws`),
      wsLocalhost: await socket(`ws://localhost:${port}/ws`),
    }
  }, quarryPort)
}

test('a page on another origin cannot read Quarry nor open its WebSocket while Quarry is open', async ({
  app: page,
  quarry,
}) => {
  const port = Number(new URL(quarry.origin).port)
  // The app itself works over its WebSocket, and no cookie stands for it in the browser.
  await expect(page.getByTestId('tree-node').first()).toBeVisible()
  expect(await page.context().cookies()).toEqual([])
  // Same browser, same cookie jar: pages on another port of 127.0.0.1 and on localhost.
  for (const origin of [`http://127.0.0.1:${attackerPort}`, `http://localhost:${attackerPort}`]) {
    const evil = await page.context().newPage()
    await evil.goto(`${origin}/`)
    await expect(evil).toHaveTitle('Not Quarry')
    const outcome = await attack(evil, port)
    console.log(`[cross-origin] from ${origin}: ${JSON.stringify(outcome)}`)
    expect(outcome.http127).toMatch(/^blocked/)
    expect(outcome.httpLocalhost).toMatch(/^blocked/)
    expect(outcome.ws127).toBe('refused')
    expect(outcome.wsLocalhost).toBe('refused')
    await evil.close()
  }
  // And the app is still fine.
  await page.reload()
  await expect(page.getByTestId('tree-node').first()).toBeVisible()
})

test('a DNS-rebound host name pointing at Quarry is refused, token or not', async ({ browser, quarry }) => {
  const port = Number(new URL(quarry.origin).port)
  const token = new URL(await quarry.nextLink()).searchParams.get('token')
  // evil.example resolves to 127.0.0.1, as an attacker's DNS would make it after the page loaded.
  const rebinding = await browser.browserType().launch({
    executablePath: process.env['QUARRY_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  })
  try {
    const page = await rebinding.newPage()
    const withToken = await page.goto(`http://evil.example:${port}/?token=${token}`)
    expect(withToken?.status()).toBe(403)
    expect(await page.textContent('body')).toContain('Forbidden host')
    const socket = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url)
          ws.onopen = () => resolve('open')
          ws.onerror = () => resolve('refused')
        }),
      `ws://evil.example:${port}/ws`,
    )
    expect(socket).toBe('refused')
  } finally {
    await rebinding.close()
  }
})
