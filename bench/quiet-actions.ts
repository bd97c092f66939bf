import { TID } from '../src/renderer/src/test-ids'
import { installProbes } from './probes'
import type { BenchProbes, RunRecord } from './probes'
import type { QuietPage } from './quiet-page'

/** What the UI steps wait for at most. */
const STEP_TIMEOUT = 30_000
const PANEL = 'section.tab-panel:not([hidden])'
const by = (id: string): string => `[data-testid="${id}"]`
const js = (value: unknown): string => JSON.stringify(value)

/** The center of the first element matching `selector`, or null if none is laid out. */
async function centerOf(page: QuietPage, selector: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate<{ x: number; y: number } | null>(`(() => {
    const el = document.querySelector(${js(selector)})
    if (!el) return null
    const r = el.getBoundingClientRect()
    return r.width && r.height ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null
  })()`)
}

async function clickOn(page: QuietPage, selector: string): Promise<void> {
  await page.waitFor(`document.querySelector(${js(selector)})`, STEP_TIMEOUT, selector)
  const at = await centerOf(page, selector)
  if (!at) throw new Error(`${selector} is not on screen`)
  await page.click(at.x, at.y)
}

/** Loads the app (probes installed before any of its scripts) at the bench's viewport, and waits for it. */
export async function openQuietApp(page: QuietPage, url: string): Promise<void> {
  const { gridCell, treeNode, cancelButton, status, statusRows } = TID
  const ids = { gridCell, treeNode, cancelButton, status, statusRows }
  await page.send('Page.enable')
  await page.send('Emulation.setDeviceMetricsOverride', {
    width: 1400,
    height: 900,
    deviceScaleFactor: 1,
    mobile: false,
  })
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${installProbes.toString()})(${js(ids)})` })
  await page.send('Page.navigate', { url })
  await page.waitFor(`document.querySelector(${js(by(TID.app))})`, STEP_TIMEOUT, 'the app')
}

/** Reloads the page (fresh renderer state) and waits for the app. */
export async function reloadQuiet(page: QuietPage): Promise<void> {
  await page.evaluate('void location.reload()')
  await new Promise((resolve) => setTimeout(resolve, 200))
  await page.waitFor(`document.querySelector(${js(by(TID.app))})`, STEP_TIMEOUT, 'the app after reload')
}

/** Opens a SQL editor on a connection from its tree row (hover, then its query button). */
export async function openQuietEditor(page: QuietPage, connection: string): Promise<void> {
  const row = `${by(TID.treeNode)}[data-kind="connection"][data-name=${js(connection)}]`
  await page.waitFor(`document.querySelector(${js(row)})`, STEP_TIMEOUT, `the connection ${connection}`)
  const at = await centerOf(page, row)
  if (at) await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at })
  await clickOn(page, `${row} ${by(TID.connectionQuery)}`)
  await page.waitFor(`document.querySelector(${js(`${PANEL} ${by(TID.editor)}`)})`, STEP_TIMEOUT, 'the editor')
}

/** Replaces the active editor's text (click into it, Ctrl+A, insert). */
export async function setQuietSql(page: QuietPage, sql: string): Promise<void> {
  await clickOn(page, `${PANEL} ${by(TID.editor)} .cm-content`)
  await page.press('a', 'KeyA', 65, 2)
  await page.send('Input.insertText', { text: sql })
}

const probeCall = (method: keyof BenchProbes): string => `window.__quarryBench.${method}()`

/** Arms the run probe and presses Ctrl+Enter in the editor (the editor must have focus). */
export async function startQuietRun(page: QuietPage): Promise<void> {
  await page.evaluate(probeCall('armRun'))
  await page.press('Enter', 'Enter', 13, 2)
}

/** Waits until the run probe saw the status line leave "running". */
export async function waitForQuietRunEnd(page: QuietPage, timeoutMs: number): Promise<RunRecord> {
  await page.waitFor(`${probeCall('readRun')}?.endAt != null`, timeoutMs, 'the end of the run')
  return (await page.evaluate<RunRecord | null>(probeCall('readRun')))!
}

/** Runs a one-row query to its end (a setup step, not measured; see runOneRow in ui-actions.ts). */
export async function runQuietOneRow(page: QuietPage, sql: string): Promise<void> {
  await setQuietSql(page, sql)
  await page.press('Enter', 'Enter', 13, 2)
  const done = `${PANEL} ${by(TID.status)}[data-status="done"] ${by(TID.statusRows)}[data-count="1"]`
  await page.waitFor(`document.querySelector(${js(done)})`, 60_000, 'a one-row result')
}

/** The middle of the active result grid's scroller, where the wheel goes. */
export async function quietGridCenter(page: QuietPage): Promise<{ x: number; y: number }> {
  const at = await centerOf(page, `${PANEL} ${by(TID.gridScroller)}`)
  if (!at) throw new Error('The result grid is not on screen')
  return at
}

/** One mouse-wheel step at a point. */
export async function quietWheel(page: QuietPage, at: { x: number; y: number }, deltaY: number): Promise<void> {
  await page.send('Input.dispatchMouseEvent', { type: 'mouseWheel', ...at, deltaX: 0, deltaY })
}
