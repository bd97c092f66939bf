import type { Page } from '@playwright/test'
import type { Driver } from '../src/main/drivers/driver'
import { readGraphAround, readWholeGraph } from '../src/main/services/schema-graph-around'
import { buildSchemaGraph } from '../src/main/services/schema-graph-rows'
import { TID } from '../src/renderer/src/test-ids'
import type { BrowserSession } from './browser-session'
import type { EngineTarget } from './datasets'
import { erForeignKeys, erSchema, ER_TABLES } from './er-dataset'
import type { ErTarget } from './er-dataset'
import type { Recorder } from './recorder'
import { schemaNode } from './tree-run'
import { activePanel, treeNode } from './ui-actions'

const STEP_TIMEOUT = 30_000
/** How long the bench waits for a layout to end before it calls the run missed. */
const LAYOUT_TIMEOUT = 180_000

/** meta.schemaGraph's work in main, on a fresh connection: the two catalog statements and the assembly. */
export async function measureErCatalog(driver: Driver, er: ErTarget, recorder: Recorder): Promise<void> {
  const connection = await driver.connect(er.options)
  try {
    // As the tree names it: PostgreSQL's database; elsewhere the connection's one (MariaDB's schemas are its databases).
    const database = er.engine === 'postgres' ? er.database : ((await connection.databases())[0]?.name ?? er.database)
    const started = performance.now()
    const queries = driver.schemaGraphQueries!(database, er.schema)
    // As meta.schemaGraph runs them: on the connection's catalog path where it has one.
    const run = async (q: typeof queries.columns) =>
      connection.catalogRows
        ? connection.catalogRows(database, q)
        : (await connection.execute(q.sql, { database, params: q.params })).rows
    const graph = buildSchemaGraph(er.schema, await run(queries.columns), await run(queries.foreignKeys))
    const ms = performance.now() - started
    const keys = erForeignKeys(erSchema())
    if (graph.tables.length !== ER_TABLES || graph.foreignKeys.length !== keys)
      recorder.reject(
        er.engine,
        'er.catalogMs',
        `read ${graph.tables.length} tables and ${graph.foreignKeys.length} keys, not ${ER_TABLES} and ${keys}`,
      )
    else recorder.record(er.engine, 'er.catalogMs', ms)
    // One table's neighbourhood, as meta.schemaGraph with `around` reads it (the Chromium case's table).
    const aroundStarted = performance.now()
    const filtered = driver.schemaGraphAroundQueries?.(database, er.schema)
    const whole = () => readWholeGraph(run, queries, er.schema)
    const around = await readGraphAround(run, whole, filtered, er.schema, [erSchema()[0]!.name])
    const aroundMs = performance.now() - aroundStarted
    if (around.tables.length === 0) recorder.reject(er.engine, 'er.aroundCatalogMs', 'read no tables around it')
    else recorder.record(er.engine, 'er.aroundCatalogMs', aroundMs)
  } finally {
    await connection.close()
  }
}

/** What the page saw of one ER open (page clock, ms). */
interface ErRecord {
  clickAt: number | null
  paintedAt: number | null
  boxes: number
  panDownAt: number | null
  panFrameAt: number | null
  laidAt: number | null
}

/**
 * Arms the page: the menu click's time, then on every animation frame whether the active panel's
 * diagram has boxes (the frame that paints them), whether a pan started on the canvas has moved the
 * view, and whether the status line stopped saying "Laying out".
 */
function armEr(ids: { table: string; overview: string; status: string; canvas: string }): void {
  const panel = 'section.tab-panel:not([hidden])'
  const record: ErRecord = { clickAt: null, paintedAt: null, boxes: 0, panDownAt: null, panFrameAt: null, laidAt: null }
  let panFrom: string | null = null
  ;(window as unknown as { __erBench: ErRecord }).__erBench = record
  document.addEventListener(
    'pointerdown',
    (event) => {
      const target = event.target as Element
      if (record.clickAt == null && target.closest('[data-item="er-diagram"]')) record.clickAt = event.timeStamp
      else if (
        record.paintedAt != null &&
        record.panDownAt == null &&
        target.closest(`[data-testid="${ids.canvas}"]`)
      ) {
        record.panDownAt = event.timeStamp
        panFrom = document.querySelector(`${panel} [data-testid="${ids.canvas}"] > g`)?.getAttribute('transform') ?? ''
      }
    },
    true,
  )
  const tick = (now: number): void => {
    if (record.clickAt != null) {
      if (record.paintedAt == null) {
        // Boxes as elements, or the overview's paths (zoomed far out) with the count they draw.
        const overview = document.querySelector(`${panel} [data-testid="${ids.overview}"]`)
        const boxes =
          document.querySelectorAll(`${panel} [data-testid="${ids.table}"]`).length +
          Number(overview?.getAttribute('data-count') ?? 0)
        if (boxes > 0) {
          record.paintedAt = now
          record.boxes = boxes
        }
      }
      if (record.panDownAt != null && record.panFrameAt == null) {
        const at = document.querySelector(`${panel} [data-testid="${ids.canvas}"] > g`)?.getAttribute('transform')
        if (at !== panFrom) record.panFrameAt = now
      }
      const status = document.querySelector(`${panel} [data-testid="${ids.status}"]`)?.textContent ?? ''
      if (record.paintedAt != null && record.laidAt == null && status && !status.includes('Laying out'))
        record.laidAt = now
    }
    if (record.laidAt == null || record.panFrameAt == null) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

const read = (page: Page) => page.evaluate(() => (window as unknown as { __erBench: ErRecord }).__erBench)

async function waitFor(page: Page, what: string, test: (r: ErRecord) => boolean, timeout: number): Promise<ErRecord> {
  const deadline = Date.now() + timeout
  for (;;) {
    const record = await read(page)
    if (test(record)) return record
    if (Date.now() > deadline) throw new Error(`ER: no ${what} in ${timeout / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Closes the active tab (middle click), so a reload does not restore the diagram. */
async function closeActiveTab(page: Page): Promise<void> {
  await page.locator(`[data-testid="${TID.tab}"][aria-selected="true"]`).click({ button: 'middle' })
  await page.waitForTimeout(1500) // the tabs journal saves after a pause
}

/**
 * One open from the tree's context menu (the schema's or a table's): click → first boxes painted,
 * a pan started then → its frame, and click → layout done. Returns the record.
 */
async function openOnce(
  session: BrowserSession,
  node: () => Promise<ReturnType<typeof treeNode>>,
  shot?: string,
): Promise<ErRecord> {
  const { page } = session
  await session.reload()
  const target = await node()
  await target.scrollIntoViewIfNeeded()
  await target.click({ button: 'right' })
  const item = page.getByTestId(TID.contextMenu).locator('[data-item="er-diagram"]')
  await item.waitFor({ timeout: STEP_TIMEOUT })
  await page.evaluate(armEr, {
    table: TID.erTable,
    overview: TID.erOverview,
    status: TID.erStatus,
    canvas: TID.erCanvas,
  })
  await item.click()
  await waitFor(page, 'boxes', (r) => r.paintedAt != null, 60_000)
  // The pan: drag the canvas's empty top-left margin (the fitted view leaves 32 px there).
  const canvas = (await activePanel(page).getByTestId(TID.erCanvas).boundingBox())!
  await page.mouse.move(canvas.x + 6, canvas.y + 6)
  await page.mouse.down()
  await page.mouse.move(canvas.x + 106, canvas.y + 56, { steps: 2 })
  await page.mouse.up()
  await waitFor(page, 'pan frame', (r) => r.panFrameAt != null, STEP_TIMEOUT)
  const record = await waitFor(page, 'layout end', (r) => r.laidAt != null, LAYOUT_TIMEOUT)
  // QUARRY_BENCH_ER_SHOTS=<dir>: what the diagram looks like once laid out (fitted), for review.
  const shots = process.env['QUARRY_BENCH_ER_SHOTS']
  if (shots && shot) {
    await activePanel(page).getByTestId(TID.erFit).click()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: `${shots}/${shot}.png` })
  }
  await closeActiveTab(page)
  return record
}

/**
 * The ER measures in Chromium: the whole 2,000-table schema (first open lays it out; later opens
 * find the layout main kept), and one table's neighbourhood. Interactive = click → boxes painted,
 * plus how long a pan started at that moment waits for its frame.
 */
export async function measureErBrowser(
  session: BrowserSession,
  target: EngineTarget,
  er: ErTarget,
  connection: string,
  runs: number,
  recorder: Recorder,
): Promise<void> {
  const { engine } = er
  const root = () => treeNode(session.page, 'connection', connection)
  const schema = () => schemaNode(root(), target, er.schema)
  // A table's neighbourhood: the cluster's first table (its children reach it).
  const first = erSchema()[0]!.name
  const table = async () => {
    // A click that lands while the tree re-renders after the reload is lost: try again, up to 3 times.
    const node = await schema()
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await node.getAttribute('aria-expanded')) !== 'true') await node.click()
      const open = node.locator('xpath=self::*[@aria-expanded="true"]')
      if (
        await open.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        )
      )
        break
    }
    const row = treeNode(session.page, 'table', first)
    await row.waitFor({ timeout: 2 * STEP_TIMEOUT })
    return row
  }
  // First, one table's diagram before any other on this connection: nothing of the catalog read yet
  // (an engine that keeps the graph, DuckDB, reads the whole schema here).
  const cold = await openOnce(session, table)
  if (cold.boxes < 2 || cold.clickAt == null)
    recorder.reject(engine, 'er.neighbourFirstMs', `${cold.boxes} boxes painted`)
  else
    recorder.record(
      engine,
      'er.neighbourFirstMs',
      cold.paintedAt! - cold.clickAt + (cold.panFrameAt! - cold.panDownAt!),
    )
  for (let run = 0; run < runs; run++) {
    const r = await openOnce(session, schema, run === 0 ? `er-2000-${engine}` : undefined)
    if (r.boxes === 0 || r.clickAt == null) {
      recorder.reject(engine, 'er.openInteractiveMs', 'no boxes painted')
      continue
    }
    recorder.record(engine, 'er.openInteractiveMs', r.paintedAt! - r.clickAt + (r.panFrameAt! - r.panDownAt!))
    recorder.record(engine, 'er.panFrameMs', r.panFrameAt! - r.panDownAt!)
    recorder.record(engine, run === 0 ? 'er.openLaidMs' : 'er.reopenLaidMs', r.laidAt! - r.clickAt)
  }
  for (let run = 0; run < runs; run++) {
    const r = await openOnce(session, table, run === 0 ? `er-neighbours-${engine}` : undefined)
    if (r.boxes < 2 || r.clickAt == null) {
      recorder.reject(engine, 'er.neighbourInteractiveMs', `${r.boxes} boxes painted`)
      continue
    }
    recorder.record(engine, 'er.neighbourInteractiveMs', r.paintedAt! - r.clickAt + (r.panFrameAt! - r.panDownAt!))
    recorder.record(engine, 'er.neighbourLaidMs', r.laidAt! - r.clickAt)
  }
}
