import { peakRssMb, resetPeakRss } from './app-server'
import type { BrowserSession } from './browser-session'
import type { BenchEngine } from './measures'
import type { Recorder } from './recorder'
import { frameDeltas, invalidRun } from './run-checks'
import { percentile } from './summary'
import {
  quietGridCenter,
  quietWheel,
  runQuietOneRow,
  setQuietSql,
  startQuietRun,
  waitForQuietRunEnd,
} from './quiet-actions'

/** A 1,000,000-row run may take minutes on a loaded machine; never longer than this. */
const RUN_TIMEOUT = 15 * 60_000
/** The figures of one end-to-end stream; `prefix` names the table's set ('e2e', 'events.e2e'). */
const streamMeasures = (prefix: string): string[] =>
  ['firstPaintMs', 'allRowsMs', 'rowsPerSec', 'heapBytesPerRow', 'mainPeakRssMb'].map((m) => `${prefix}.${m}`)

/** Leaves the editor's tab holding a one-row result, so nothing big is held before a run. */
async function clearResult(session: BrowserSession): Promise<void> {
  await runQuietOneRow(session.quiet, 'SELECT 1')
}

/**
 * `SELECT * FROM big` from the editor, end to end: Run → first rows painted, Run → all rows in the
 * renderer's store (count checked), renderer heap per row held, the serve process's peak RSS.
 */
export async function measureStream(
  session: BrowserSession,
  engine: BenchEngine,
  sql: string,
  rows: number,
  recorder: Recorder,
  prefix = 'e2e',
): Promise<void> {
  const { quiet, app } = session
  await clearResult(session)
  const before = await quiet.heapAfterGc()
  const canReset = resetPeakRss(app.pid)
  await setQuietSql(quiet, sql)
  await startQuietRun(quiet)
  const run = await waitForQuietRunEnd(quiet, RUN_TIMEOUT)
  const invalid = invalidRun(run, rows)
  if (invalid) {
    for (const measure of streamMeasures(prefix)) recorder.reject(engine, measure, invalid)
    return
  }
  const allRowsMs = run.endAt! - run.startAt!
  recorder.record(engine, `${prefix}.firstPaintMs`, run.firstPaintAt! - run.startAt!)
  recorder.record(engine, `${prefix}.allRowsMs`, allRowsMs)
  recorder.record(engine, `${prefix}.rowsPerSec`, rows / (allRowsMs / 1000))
  const after = await quiet.heapAfterGc()
  recorder.record(engine, `${prefix}.heapBytesPerRow`, (after - before) / rows)
  if (canReset) recorder.record(engine, `${prefix}.mainPeakRssMb`, peakRssMb(app.pid))
  else recorder.reject(engine, `${prefix}.mainPeakRssMb`, 'the peak RSS could not be reset (/proc/<pid>/clear_refs)')
}

/** Peak RSS of the serve process for a smaller result, to show whether it grows with the row count. */
export async function measureSmallRss(
  session: BrowserSession,
  engine: BenchEngine,
  sql: string,
  rows: number,
  recorder: Recorder,
): Promise<void> {
  await clearResult(session)
  if (!resetPeakRss(session.app.pid)) {
    recorder.reject(engine, 'e2e.mainPeakRssSmallMb', 'the peak RSS could not be reset (/proc/<pid>/clear_refs)')
    return
  }
  await setQuietSql(session.quiet, sql)
  await startQuietRun(session.quiet)
  const run = await waitForQuietRunEnd(session.quiet, RUN_TIMEOUT)
  const invalid = invalidRun(run, rows)
  if (invalid) recorder.reject(engine, 'e2e.mainPeakRssSmallMb', invalid)
  else recorder.record(engine, 'e2e.mainPeakRssSmallMb', peakRssMb(session.app.pid))
}

/**
 * The same result while the mouse wheel scrolls the grid the whole time it streams: rAF frame
 * times (p95, worst) and long tasks (count, longest), all taken in the page.
 */
export async function measureScroll(
  session: BrowserSession,
  engine: BenchEngine,
  sql: string,
  rows: number,
  recorder: Recorder,
): Promise<void> {
  const { quiet } = session
  await clearResult(session)
  const center = await quietGridCenter(quiet)
  await setQuietSql(quiet, sql)
  await quiet.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...center })
  await startQuietRun(quiet)
  const deadline = Date.now() + RUN_TIMEOUT
  const ended = (): Promise<boolean> => quiet.evaluate<boolean>('window.__quarryBench.readRun()?.endAt != null')
  for (let i = 0; Date.now() < deadline; i++) {
    await quietWheel(quiet, center, 240)
    await new Promise((resolve) => setTimeout(resolve, 8))
    if (i % 10 === 9 && (await ended())) break
  }
  const run = await waitForQuietRunEnd(quiet, RUN_TIMEOUT)
  const invalid = invalidRun(run, rows)
  const ids = ['scroll.p95FrameMs', 'scroll.maxFrameMs', 'scroll.longTasks', 'scroll.longestTaskMs']
  if (invalid) {
    for (const id of ids) recorder.reject(engine, id, invalid)
    return
  }
  const deltas = frameDeltas(run.frames)
  recorder.record(engine, 'scroll.p95FrameMs', percentile(deltas, 95))
  recorder.record(engine, 'scroll.maxFrameMs', deltas.length ? Math.max(...deltas) : null)
  recorder.record(engine, 'scroll.longTasks', run.longTasks.length)
  recorder.record(engine, 'scroll.longestTaskMs', run.longTasks.length ? Math.max(...run.longTasks) : 0)
}
