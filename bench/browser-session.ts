import { chromium } from '@playwright/test'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import type { AppServer } from './app-server'
import { installProbes } from './probes'
import { openQuietApp, reloadQuiet } from './quiet-actions'
import { QuietPage } from './quiet-page'
import type { Teardown } from './servers'

/**
 * Chromium with one page on the app driven by Playwright (setup, tree, open and cancel measures) and a
 * DevTools session for heap figures; and a quiet page in a Chromium of its own for the stream measures
 * (quiet-page.ts says why).
 */
export interface BrowserSession {
  browser: Browser
  page: Page
  cdp: CDPSession
  quiet: QuietPage
  app: AppServer
  /** Reloads the page (fresh renderer state) and waits for the app. */
  reload(): Promise<void>
  /** Reloads the quiet page (it then lists the connections added through the other). */
  reloadQuiet(): Promise<void>
}

/** Chromium to use: $QUARRY_CHROMIUM, else Debian's. */
export const chromiumPath = (): string => process.env['QUARRY_CHROMIUM'] ?? '/usr/bin/chromium'

export async function openBrowser(app: AppServer, teardown: Teardown): Promise<BrowserSession> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ]
  const browser = await chromium.launch({ executablePath: chromiumPath(), args })
  teardown.add('Chromium', () => browser.close())
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const { gridCell, treeNode, cancelButton, status, statusRows } = TID
  await page.addInitScript(installProbes, { gridCell, treeNode, cancelButton, status, statusRows })
  const cdp = await page.context().newCDPSession(page)
  const ready = async (): Promise<void> => {
    await page.getByTestId(TID.app).waitFor({ timeout: 30_000 })
    // The saved connections listed (the sample's is always there): a step that counts a connection's
    // rows right after a reload would otherwise see none and add it a second time.
    await page.locator(`[data-testid="${treeNode}"][data-kind="connection"]`).first().waitFor({ timeout: 30_000 })
  }
  await page.goto(app.url)
  await ready()
  const quiet = await QuietPage.launch(chromiumPath(), args, teardown)
  await openQuietApp(quiet, await app.freshUrl())
  return {
    browser,
    page,
    cdp,
    quiet,
    app,
    async reload() {
      await page.reload()
      await ready()
    },
    reloadQuiet: () => reloadQuiet(quiet),
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
