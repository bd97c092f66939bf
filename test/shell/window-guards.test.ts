import { EventEmitter } from 'node:events'
import type { Session, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { appUrlMatcher, denyPermissions, guardWebContents, GRANTED_PERMISSION } from '../../src/main/window-guards'
import type { GuardedContents, GuardedSession } from '../../src/main/window-guards'

const INDEX = 'file:///opt/quarry/out/renderer/index.html'
const isAppUrl = appUrlMatcher(INDEX)

/** A WebContents that records the guards' listeners and lets the test fire Electron's events. */
function fakeContents() {
  const emitter = new EventEmitter()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as GuardedContents
  const fire = (name: string, url: string, asParams = false): boolean => {
    let prevented = false
    const event = { preventDefault: () => (prevented = true), url }
    if (asParams) emitter.emit(name, event)
    else emitter.emit(name, event, url)
    return prevented
  }
  return { contents, fire, open: (url: string) => openHandler!({ url }) }
}

describe('app URL check', () => {
  it.each([
    [INDEX, true],
    [`${INDEX}?tab=2#grid`, true],
    ['file:///opt/quarry/out/renderer/index.html.evil/x.html', false],
    ['file:///opt/quarry/out/renderer/other.html', false],
    ['file:///etc/passwd', false],
    ['https://evil.example/index.html', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected)
  })

  it('under the dev server, accepts its origin only', () => {
    const dev = appUrlMatcher(INDEX, 'http://localhost:5173/')
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(dev('http://localhost:5174/')).toBe(false)
    expect(dev('http://127.0.0.1:5173/')).toBe(false)
    expect(dev(INDEX)).toBe(false)
  })
})

describe('window guards', () => {
  it('denies navigation away from the app, by link, frame or redirect', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, isAppUrl, () => {})
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(fake.fire('will-frame-navigate', 'https://evil.example/', true)).toBe(true)
    expect(fake.fire('will-navigate', `${INDEX}#reload`)).toBe(false)
  })

  it('denies navigating to a file dropped on the window (what Chromium does with a drop the page does not take)', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, isAppUrl, () => {})
    for (const dropped of [
      'file:///home/me/data/measurements.csv',
      'file:///home/me/shop.duckdb',
      'file:///opt/quarry/out/renderer/measurements.parquet',
      'file:///home/me/index.html',
      'file:///C:/Users/me/shop.sqlite',
    ]) {
      expect(fake.fire('will-navigate', dropped)).toBe(true)
      expect(fake.fire('will-frame-navigate', dropped, true)).toBe(true)
      expect(fake.open(dropped)).toEqual({ action: 'deny' })
    }
  })

  it('denies window.open; only https links go to the system browser', () => {
    const opened: string[] = []
    const fake = fakeContents()
    guardWebContents(fake.contents, isAppUrl, (url) => opened.push(url))
    for (const url of ['https://example.org/docs', 'http://example.org/', 'file:///etc/passwd', 'javascript:1', INDEX])
      expect(fake.open(url)).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.org/docs'])
  })

  it('refuses webviews', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, isAppUrl, () => {})
    expect(fake.fire('will-attach-webview', INDEX)).toBe(true)
  })
})

describe('permissions', () => {
  type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0] & {}
  type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0] & {}
  function fakeSession() {
    const handlers: { request?: RequestHandler; check?: CheckHandler } = {}
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
    } as unknown as GuardedSession
    denyPermissions(session, isAppUrl)
    const request = (permission: string, requestingUrl = INDEX) =>
      new Promise<boolean>((resolve) =>
        handlers.request!({} as WebContents, permission as never, resolve, {
          requestingUrl,
          isMainFrame: true,
        } as never),
      )
    const check = (permission: string, url = INDEX) =>
      handlers.check!({ getURL: () => url } as WebContents, permission as never, 'file:///', {} as never)
    return { request, check }
  }

  it.each(['media', 'notifications', 'geolocation', 'hid', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'refuses %s, even to the app',
    async (permission) => {
      const { request, check } = fakeSession()
      expect(await request(permission)).toBe(false)
      expect(check(permission)).toBe(false)
    },
  )

  it('grants clipboard writing to the app only', async () => {
    const { request, check } = fakeSession()
    expect(await request(GRANTED_PERMISSION)).toBe(true)
    expect(check(GRANTED_PERMISSION)).toBe(true)
    expect(await request(GRANTED_PERMISSION, 'https://evil.example/')).toBe(false)
    expect(check(GRANTED_PERMISSION, 'https://evil.example/')).toBe(false)
  })
})
