import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startAppServer } from './app-server'
import { chromiumPath } from './browser-session'
import { frameDeltas } from './run-checks'
import {
  openQuietApp,
  openQuietEditor,
  quietGridCenter,
  quietWheel,
  runQuietOneRow,
  setQuietSql,
  startQuietRun,
  waitForQuietRunEnd,
} from './quiet-actions'
import { QuietPage } from './quiet-page'
import { Teardown } from './servers'
import { percentile } from './summary'
import { summariseProfile, summariseTrace, type CpuProfile, type TraceEvent } from './trace-summary'

/**
 * The scroll measure alone, with a renderer trace: the sample's `events` rows stream into the grid
 * while the wheel scrolls it (as measureScroll in browser-run.ts), in the quiet page, with Chromium
 * tracing on. Prints the frame figures the bench takes and what the trace says the long frames are
 * made of (forced layouts, long tasks).
 * `node .tmp/bench/scroll-trace.js [rows] [trace.json | -]` ('-': no trace, as the bench measures).
 * QUARRY_PROFILE=1 adds the page's CPU profile (QUARRY_PROFILE_OUT: its file); QUARRY_SCROLL=0 leaves the wheel still.
 */
const root = resolve(import.meta.dirname, '..', '..')
const SAMPLE_CONNECTION = 'Sample database'
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-devtools.timeline.stack',
  'v8',
  'toplevel',
]

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 200_000)
  // '-' runs without tracing (the frame figures as the bench takes them); a path also saves the trace.
  const tracing = process.argv[3] !== '-'
  const tracePath = tracing ? process.argv[3] : undefined
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer, not ${process.argv[2]}`)
  const teardown = new Teardown()
  const dataDir = await mkdtemp(join(tmpdir(), 'quarry-scroll-trace-'))
  teardown.add('data dir', () => rm(dataDir, { recursive: true, force: true }))
  try {
    // QUARRY_APP_ROOT: another build of the app (say, main's) to compare with, on this sample.
    const appRoot = process.env['QUARRY_APP_ROOT'] ?? root
    const app = await startAppServer(appRoot, dataDir, join(root, 'resources', 'sample.db'))
    teardown.add('app server', () => app.stop())
    const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync']
    const quiet = await QuietPage.launch(chromiumPath(), args, teardown)
    await openQuietApp(quiet, app.url)
    await openQuietEditor(quiet, SAMPLE_CONNECTION)
    await runQuietOneRow(quiet, 'SELECT 1')
    const center = await quietGridCenter(quiet)
    await setQuietSql(quiet, `SELECT * FROM events LIMIT ${rows}`)
    await quiet.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...center })

    const events: TraceEvent[] = []
    quiet.on('Tracing.dataCollected', (params) => events.push(...(params as { value: TraceEvent[] }).value))
    const complete = new Promise<void>((done) => quiet.on('Tracing.tracingComplete', () => done()))
    const profiling = process.env['QUARRY_PROFILE'] === '1'
    if (profiling) {
      await quiet.send('Profiler.enable')
      await quiet.send('Profiler.setSamplingInterval', { interval: 500 })
      await quiet.send('Profiler.start')
    }
    if (tracing)
      await quiet.send('Tracing.start', {
        traceConfig: { includedCategories: CATEGORIES },
        transferMode: 'ReportEvents',
      })

    if (process.env['QUARRY_DEBUG_SETUP']) await quiet.evaluate(process.env['QUARRY_DEBUG_SETUP'])
    await startQuietRun(quiet)
    const deadline = Date.now() + 10 * 60_000
    const ended = (): Promise<boolean> => quiet.evaluate<boolean>('window.__quarryBench.readRun()?.endAt != null')
    // QUARRY_SCROLL=0: no wheel (the "Run → all rows" measure), to profile the page's share of a plain stream.
    const scrolling = process.env['QUARRY_SCROLL'] !== '0'
    for (let i = 0; Date.now() < deadline; i++) {
      if (scrolling) await quietWheel(quiet, center, 240)
      await new Promise((done) => setTimeout(done, 8))
      if (i % 10 === 9 && (await ended())) break
    }
    const run = await waitForQuietRunEnd(quiet, 60_000)
    const profile = profiling ? (await quiet.send<{ profile: CpuProfile }>('Profiler.stop')).profile : null
    if (tracing) {
      await quiet.send('Tracing.end')
      await complete
    }
    if (tracePath) await writeFile(tracePath, JSON.stringify({ traceEvents: events }))

    const deltas = frameDeltas(run.frames)
    const longest = run.longTasks.length ? Math.max(...run.longTasks) : 0
    console.log(`run: ${run.status}, ${run.count} rows in ${Math.round(run.endAt! - run.startAt!)} ms`)
    console.log(
      `frames: ${deltas.length}, p95 ${percentile(deltas, 95)?.toFixed(1)} ms, worst ${Math.max(...deltas).toFixed(1)} ms;` +
        ` long tasks ${run.longTasks.length}, longest ${longest.toFixed(0)} ms`,
    )
    if (tracing) console.log(summariseTrace(events))
    if (process.env['QUARRY_DEBUG_EXPR'])
      console.log(JSON.stringify(await quiet.evaluate(process.env['QUARRY_DEBUG_EXPR'])))
    if (profile) console.log(summariseProfile(profile))
    if (profile && process.env['QUARRY_PROFILE_OUT'])
      await writeFile(process.env['QUARRY_PROFILE_OUT'], JSON.stringify(profile))
  } finally {
    await teardown.run()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
