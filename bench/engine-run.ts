import type { Driver } from '../src/main/drivers/driver'
import type { EncodedRows } from '../src/shared/contract/row-batch'
import type { BrowserSession } from './browser-session'
import { measureScroll, measureSmallRss, measureStream } from './browser-run'
import { measureCancel } from './cancel-run'
import type { BenchConfig } from './config'
import type { EngineTarget } from './datasets'
import { EVENTS_SQL, eventsRows } from './events-dataset'
import { rowsReadCounter } from './open-counters'
import { measureOpen } from './open-run'
import { deriveChanged, timeDiff } from './diff-run'
import { runPipeline } from './pipeline'
import { readRaw } from './raw-readers'
import type { Recorder } from './recorder'
import { measureDriverTables, measureTreeExpand } from './tree-run'
import { openQuietEditor } from './quiet-actions'
import { addConnection, connectionName, dialogTarget, openEditor } from './ui-actions'

export const BIG_SQL = 'SELECT * FROM big'
/** The smaller result the peak RSS is compared with: a fifth of the rows. */
export const smallRows = (rows: number): number => Math.max(1, Math.floor(rows / 5))
const smallSql = (rows: number): string => `SELECT * FROM big WHERE id <= ${smallRows(rows)}`

/** One raw driver read (and for PostgreSQL one with default parsing), recorded as the reference. */
async function measureRaw(target: EngineTarget, config: BenchConfig, recorder: Recorder): Promise<void> {
  const { engine } = target
  const raw = await readRaw(engine, target.url, BIG_SQL)
  if (raw.rows !== config.rows) recorder.reject(engine, 'raw.rowsPerSec', `read ${raw.rows} rows`)
  else {
    recorder.record(engine, 'raw.rowsPerSec', raw.rows / (raw.totalMs / 1000))
    recorder.record(engine, 'raw.firstRowMs', raw.firstRowMs)
  }
  const events = await readRaw(engine, target.url, EVENTS_SQL)
  const expected = eventsRows(config.rows)
  if (events.rows !== expected) recorder.reject(engine, 'events.raw.rowsPerSec', `read ${events.rows} rows`)
  else recorder.record(engine, 'events.raw.rowsPerSec', events.rows / (events.totalMs / 1000))
  if (engine !== 'postgres') return
  const parsed = await readRaw(engine, target.url, BIG_SQL, true)
  if (parsed.rows !== config.rows) recorder.reject(engine, 'rawParsed.rowsPerSec', `read ${parsed.rows} rows`)
  else recorder.record(engine, 'rawParsed.rowsPerSec', parsed.rows / (parsed.totalMs / 1000))
}

/**
 * Compare: the `big` result as the pipeline sent it, pinned, against the same result changed
 * (deriveChanged: ~1% changed, 0.1% removed and added), diffed on `id` by the app's diff code.
 * A diff that finds other counts than the change made is rejected.
 */
async function measureDiff(
  connection: Awaited<ReturnType<Driver['connect']>>,
  engine: EngineTarget['engine'],
  config: BenchConfig,
  recorder: Recorder,
): Promise<void> {
  const batches: EncodedRows[] = []
  let columns: string[] = []
  const read = await runPipeline(
    connection,
    engine,
    BIG_SQL,
    (batch) => batches.push(batch.rows),
    (names) => (columns = names),
  )
  if (read.outcome !== 'done' || read.rows !== config.rows) {
    recorder.reject(engine, 'diff.ms', `read ${read.outcome}, ${read.rows} rows`)
    return
  }
  const changed = deriveChanged(batches, columns)
  for (let run = 0; run < config.runs; run++) {
    const figures = timeDiff(columns, batches, changed.batches)
    const want = JSON.stringify(changed.expected)
    if (JSON.stringify(figures.counts) !== want) {
      recorder.reject(engine, 'diff.ms', `found ${JSON.stringify(figures.counts)}, expected ${want}`)
      continue
    }
    recorder.record(engine, 'diff.ms', figures.ms)
    recorder.record(engine, 'diff.cpuMs', figures.cpuMs)
    recorder.record(engine, 'diff.copyMs', figures.copyMs)
    recorder.record(engine, 'diff.memoryMb', figures.memoryMb)
  }
}

/**
 * Measures 1 (raw driver), 2 (main pipeline) and the driver half of 5, in this process. Raw reads
 * and pipeline runs alternate, so a change in the machine's load touches both alike.
 */
export async function measureInProcess(
  driver: Driver,
  target: EngineTarget,
  config: BenchConfig,
  recorder: Recorder,
): Promise<void> {
  const { engine } = target
  const connection = await driver.connect(target.options)
  try {
    recorder.versions[engine] = await connection.version()
    // As in the app, where the connection's Test has already run a statement: start warm.
    await runPipeline(connection, engine, 'SELECT 1')
    for (let run = 0; run < config.runs; run++) {
      await measureRaw(target, config, recorder)
      const result = await runPipeline(connection, engine, BIG_SQL)
      if (result.outcome !== 'done' || result.rows !== config.rows) {
        recorder.reject(engine, 'pipeline.rowsPerSec', `${result.outcome}, ${result.rows} rows`)
        continue
      }
      recorder.record(engine, 'pipeline.rowsPerSec', result.rows / (result.totalMs / 1000))
      recorder.record(engine, 'pipeline.firstBatchMs', result.firstBatchMs)
      recorder.record(engine, 'pipeline.wireBytesPerRow', result.frameBytes / result.rows)
      const events = await runPipeline(connection, engine, EVENTS_SQL)
      if (events.outcome !== 'done' || events.rows !== eventsRows(config.rows)) {
        recorder.reject(engine, 'events.pipeline.rowsPerSec', `${events.outcome}, ${events.rows} rows`)
        continue
      }
      recorder.record(engine, 'events.pipeline.rowsPerSec', events.rows / (events.totalMs / 1000))
      recorder.record(engine, 'events.pipeline.wireBytesPerRow', events.frameBytes / events.rows)
    }
    await measureDiff(connection, engine, config, recorder)
  } finally {
    await connection.close()
  }
  for (let run = 0; run < config.runs; run++) await measureDriverTables(driver, target, recorder)
}

/** Measures 3 (end to end), 4 (cancel) and the UI half of 5, in Chromium on browser mode. */
export async function measureInBrowser(
  session: BrowserSession,
  target: EngineTarget,
  config: BenchConfig,
  recorder: Recorder,
): Promise<void> {
  const { page } = session
  const { engine } = target
  const name = connectionName(target)
  const small = smallRows(config.rows)
  await session.reload()
  await addConnection(page, name, dialogTarget(target))
  // A group that fails is noted, the page reloaded, and the next group goes on. The stream groups
  // run in the quiet page (no DevTools Network domain: quiet-page.ts), the others in Playwright's.
  const group = async (label: string, measure: () => Promise<void>, quiet = false): Promise<void> => {
    try {
      if (quiet) {
        await session.reloadQuiet()
        await openQuietEditor(session.quiet, name)
      } else await openEditor(page, name)
      for (let run = 0; run < config.runs; run++) await measure()
    } catch (error) {
      recorder.note(`${engine}: ${label} stopped: ${error instanceof Error ? error.message.split('\n')[0] : error}`)
    } finally {
      await session.reload()
    }
  }
  // A raw read before each end-to-end run: the reference is sampled under the same load.
  await group(
    'end-to-end stream',
    async () => {
      await measureRaw(target, config, recorder)
      await measureStream(session, engine, BIG_SQL, config.rows, recorder)
    },
    true,
  )
  await group(
    'events end-to-end stream',
    async () => {
      await measureRaw(target, config, recorder)
      await measureStream(session, engine, EVENTS_SQL, eventsRows(config.rows), recorder, 'events.e2e')
    },
    true,
  )
  await group('smaller stream', () => measureSmallRss(session, engine, smallSql(config.rows), small, recorder), true)
  await group('scrolling while streaming', () => measureScroll(session, engine, BIG_SQL, config.rows, recorder), true)
  await group('cancel', () => measureCancel(session, target, recorder))
  let treeConnection = name
  // SQLite keeps its 10,000 tables in a file of their own: a second connection.
  if (target.wideOptions !== target.options) {
    treeConnection = connectionName(target, true)
    await addConnection(page, treeConnection, dialogTarget(target, true))
  }
  for (let run = 0; run < config.runs; run++) await measureTreeExpand(session, target, treeConnection, recorder)
  // The open case: only where its table was generated.
  if (!recorder.samples[engine]?.['open.tableRows']?.length) return
  const counter = await rowsReadCounter(target)
  recorder.note(`${engine}: open table rows read = ${counter.how}`)
  try {
    for (let run = 0; run < config.runs; run++) await measureOpen(session, target, name, counter, recorder)
  } catch (error) {
    recorder.note(`${engine}: table open stopped: ${error instanceof Error ? error.message.split('\n')[0] : error}`)
  } finally {
    await counter.close()
  }
}
