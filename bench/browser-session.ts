import { chromium } from '@playwright/test'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import type { AppServer } from './app-server'
import { installProbes } from './probes'
import type { Teardown } from './servers'

/** Chromium with one page on the app, and a DevTools session for heap figures. */
export interface BrowserSession {
  browser: Browser
  page: Page
  cdp: CDPSession
  app: AppServer
  /** Reloads the page (fresh renderer state) and waits for the app. */
  reload(): Promise<void>
}

/** Chromium to use: $QUARRY_CHROMIUM, else Debian's. */
export const chromiumPath = (): string => process.env['QUARRY_CHROMIUM'] ?? '/usr/bin/chromium'

export async function openBrowser(app: AppServer, teardown: Teardown): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
  teardown.add('Chromium', () => browser.close())
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const { gridCell, treeNode, cancelButton, status, statusRows } = TID
  await page.addInitScript(installProbes, { gridCell, treeNode, cancelButton, status, statusRows })
  const cdp = await page.context().newCDPSession(page)
  const ready = async (): Promise<void> => {
    await page.getByTestId(TID.app).waitFor({ timeout: 30_000 })
  }
  await page.goto(app.url)
  await ready()
  return {
    browser,
    page,
    cdp,
    app,
    async reload() {
      await page.reload()
      await ready()
    },
  }
}

/**
 * The renderer's JS heap in use after a full garbage collection, in bytes: V8's heap plus the
 * backing stores of array buffers and external strings (where rows kept as buffers or as the
 * WebSocket's text live), so no way of holding rows escapes the figure.
 */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize + (backingStorageSize ?? 0)
}
