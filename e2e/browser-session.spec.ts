import { rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { expect, startServer, test } from './fixtures/browser-mode'
import type { QuarryServer } from './fixtures/browser-mode'

/**
 * Browser mode's sign-in: a printed link works once, the page keeps its own credential (no cookie),
 * so another local server never receives it and two Quarry servers in one browser both keep working.
 */

/** Opens Quarry through a fresh link and waits for the app; returns the link it used. */
async function signIn(page: Page, quarry: QuarryServer): Promise<string> {
  const link = await quarry.nextLink()
  await page.goto(link)
  await expect(page.getByTestId(TID.tree)).toBeVisible()
  await expect(page.getByTestId(TID.treeNode).first()).toBeVisible()
  return link
}

const pageCredential = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem(
      'quarry.credential',
    ),
  )

test('another server on a local port never receives a cookie or credential of Quarry', async ({ page, quarry }) => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = []
  const recorder: Server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end(
      '<!doctype html><title>Other app</title><img src="/pixel.png"><script>fetch("/api",{credentials:"include"})</script>',
    )
  })
  recorder.on('upgrade', (request, socket) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    socket.destroy()
  })
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
  try {
    const port = (recorder.address() as AddressInfo).port
    const link = await signIn(page, quarry)
    const credential = await pageCredential(page)
    expect(credential).toMatch(/^[\w-]{32}$/)
    const token = new URL(link).searchParams.get('token')!
    // The unrelated local app, in the same browser, while Quarry is open.
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const other = await page.context().newPage()
      await other.goto(`${origin}/`)
      await expect(other).toHaveTitle('Other app')
      await other.evaluate(
        (url) =>
          new Promise<void>((resolve) => {
            const ws = new WebSocket(url)
            ws.onerror = ws.onclose = () => resolve()
          }),
        `${origin.replace('http', 'ws')}/ws`,
      )
      await expect.poll(() => seen.filter((s) => s.url === '/api').length).toBeGreaterThan(0)
      await other.close()
    }
    console.log(`[browser-session] the other server saw ${seen.length} requests: ${seen.map((s) => s.url).join(' ')}`)
    expect(seen.length).toBeGreaterThanOrEqual(6)
    for (const { url, headers } of seen) {
      expect(headers.cookie, url).toBeUndefined()
      const text = JSON.stringify(headers)
      expect(text, url).not.toContain(credential!)
      expect(text, url).not.toContain(token)
    }
    expect(await page.context().cookies()).toEqual([])
    // Quarry still works.
    await page.reload()
    await expect(page.getByTestId(TID.treeNode).first()).toBeVisible()
  } finally {
    // Chromium keeps its connections to the other server alive; close() alone would wait for them.
    recorder.closeAllConnections()
    await new Promise<void>((resolve) => recorder.close(() => resolve()))
  }
})

test('two Quarry servers open in one browser both keep working', async ({ page, quarry }) => {
  const second = await startServer()
  try {
    await signIn(page, quarry)
    const other = await page.context().newPage()
    await signIn(other, second)
    // Each page, reloaded after the other signed in, still reaches its own server.
    for (const each of [page, other, page]) {
      await each.reload()
      await expect(each.getByTestId(TID.treeNode).first()).toBeVisible()
    }
    expect(new URL(page.url()).origin).toBe(quarry.origin)
    expect(new URL(other.url()).origin).toBe(second.origin)
  } finally {
    const exited = new Promise((resolve) => second.process.once('exit', resolve))
    second.process.kill('SIGTERM')
    await exited
    rmSync(second.dataDir, { recursive: true, force: true })
  }
})

test('a used link (from the browser history) is refused; reload works; another tab needs its own link', async ({
  page,
  quarry,
}) => {
  const link = await signIn(page, quarry)
  // The token left the address bar once it was traded.
  expect(page.url()).toBe(`${quarry.origin}/`)
  const replay = await page.context().newPage()
  const answer = await replay.goto(link)
  expect(answer?.status()).toBe(410)
  await expect(replay.locator('body')).toContainText('already used')
  // A tab without a link of its own (same origin, its own sessionStorage) gets no session.
  await replay.goto(`${quarry.origin}/`)
  await expect(replay.getByText('This page has no Quarry session')).toBeVisible()
  await replay.close()
  // A made-up token is refused as unknown.
  const unknown = await page.context().request.get(`${quarry.origin}/?token=madeup`)
  expect(unknown.status()).toBe(401)
  // The page that traded the link keeps working across reloads.
  await page.reload()
  await expect(page.getByTestId(TID.treeNode).first()).toBeVisible()
})
