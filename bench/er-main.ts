import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createDriverRegistry } from '../src/main/drivers/registry'
import type { ConnectionOptions, Driver } from '../src/main/drivers/driver'
import type { EngineId } from '../src/shared/contract'
import { startAppServer } from './app-server'
import { openBrowser } from './browser-session'
import type { BrowserSession } from './browser-session'
import type { BenchConfig } from './config'
import type { EngineTarget } from './datasets'
import { seedErSchema } from './er-dataset'
import type { ErTarget } from './er-dataset'
import { measureErBrowser, measureErCatalog } from './er-run'
import { Recorder } from './recorder'
import { formatMarkdown, formatTable } from './report'
import { startServers } from './servers'
import type { Teardown } from './servers'
import { summarise } from './summary'
import { addConnection, connectionName, treeNode } from './ui-actions'

const log = (text: string): void => console.log(`[bench] ${text}`)
const message = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error))

/** Creates each engine's 2,000-table ER schema (noted and left out where it fails). */
export async function seedErSchemas(targets: readonly EngineTarget[], dir: string, recorder: Recorder) {
  const ers = new Map<EngineTarget, ErTarget>()
  for (const target of targets) {
    const started = performance.now()
    try {
      ers.set(target, await seedErSchema(target, dir))
      log(`${target.engine}: ER schema created in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      recorder.note(`${target.engine}: ER schema not created: ${message(error)}`)
    }
  }
  return ers
}

/** The ER measures of every engine: the catalog in this process, then open and neighbourhood in Chromium. */
export async function measureEr(
  ers: Map<EngineTarget, ErTarget>,
  drivers: ReadonlyMap<EngineId, Driver>,
  session: BrowserSession,
  config: Pick<BenchConfig, 'runs'>,
  recorder: Recorder,
): Promise<void> {
  for (const [target, er] of ers) {
    try {
      for (let run = 0; run < config.runs; run++) await measureErCatalog(drivers.get(er.engine)!, er, recorder)
      let name = connectionName(target)
      await session.reload()
      if (er.file) {
        name = `bench ${er.engine} er`
        await addConnection(session.page, name, { engine: er.engine, file: er.file, readOnly: er.options.readOnly })
      } else if ((await treeNode(session.page, 'connection', name).count()) === 0) {
        await addConnection(session.page, name, { url: target.url })
      }
      log(`${er.engine}: ER diagram in Chromium`)
      await measureErBrowser(session, target, er, name, config.runs, recorder)
    } catch (error) {
      recorder.note(`${er.engine}: ER measures stopped: ${message(error).split('\n')[0]}`)
      const shots = process.env['QUARRY_BENCH_ER_SHOTS']
      if (shots) await session.page.screenshot({ path: join(shots, `er-stopped-${er.engine}.png`) }).catch(() => {})
      await session.reload().catch(() => undefined)
    }
  }
}

/**
 * `QUARRY_BENCH_ONLY=er npm run bench`: the ER case alone (servers, schemas, app, browser), its
 * table printed and written to bench/results/er-latest.md (the full run's latest.md is left alone).
 */
export async function runErOnly(root: string, config: BenchConfig, teardown: Teardown): Promise<void> {
  const startedAt = new Date().toISOString()
  const loadAverage = loadavg()
  const dir = await mkdtemp(join(tmpdir(), 'quarry-bench-er-'))
  teardown.add('temp dir', () => rm(dir, { recursive: true, force: true }))
  const recorder = new Recorder()
  const targets: EngineTarget[] = []
  for (const server of await startServers(config.engines, teardown)) {
    if ('skipped' in server) {
      recorder.note(`${server.engine} NOT MEASURED: ${server.skipped}`)
      continue
    }
    const url = new URL(server.url)
    const options: ConnectionOptions = {
      engine: server.engine,
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      ...(server.engine === 'postgres' ? { database: url.pathname.slice(1) || 'postgres' } : {}),
      ssl: { mode: 'disable' },
    }
    targets.push({
      engine: server.engine,
      url: server.url,
      options,
      wideOptions: options,
      wideSchema: '',
      openSchema: '',
    })
  }
  for (const engine of ['sqlite', 'duckdb'] as const)
    if (config.engines.includes(engine)) {
      const options = { engine, file: join(dir, `${engine}.none`) } as const
      targets.push({ engine, url: '', options, wideOptions: options, wideSchema: '', openSchema: '' })
    }
  const ers = await seedErSchemas(targets, dir, recorder)
  const drivers = createDriverRegistry({
    sqliteHostScript: join(root, 'out', 'main', 'sqlite-host.js'),
    duckdbHostScript: join(root, 'out', 'main', 'duckdb-host.js'),
  })
  const sampleDb = join(dir, 'sample.db')
  new Database(sampleDb).exec('CREATE TABLE IF NOT EXISTS empty (id INTEGER)')
  const app = await startAppServer(root, join(dir, 'data'), sampleDb)
  teardown.add('browser-mode server', () => app.stop())
  const session = await openBrowser(app, teardown)
  await measureEr(ers, drivers, session, config, recorder)
  const summary = summarise(recorder.samples, recorder.rejected)
  const context =
    `\`QUARRY_BENCH_ONLY=er npm run bench\` of ${new Date().toISOString()} (started ${startedAt}): ` +
    `${[...ers.values()].map((e) => e.engine).join(', ')}; median of ${config.runs} run(s); ${cpus().length} × ` +
    `${cpus()[0]?.model.trim() ?? 'unknown CPU'}; load average at start ${loadAverage.map((l) => l.toFixed(2)).join(' ')}.`
  console.log(`\n${context}\n\n${formatTable(summary)}\n`)
  for (const note of recorder.notes) console.log(`note: ${note}`)
  const results = join(root, 'bench', 'results')
  await mkdir(results, { recursive: true })
  const notes = recorder.notes.length ? `\n${recorder.notes.map((n) => `- ${n.split('\n')[0]}`).join('\n')}\n` : ''
  await writeFile(join(results, 'er-latest.md'), formatMarkdown(summary, context) + notes)
  await writeFile(
    join(results, 'er-latest.json'),
    `${JSON.stringify({ startedAt, context, samples: recorder.samples, rejected: recorder.rejected }, null, 2)}\n`,
  )
  log(`report: ${join(results, 'er-latest.md')}`)
}
