import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { createDriverRegistry } from '../src/main/drivers/registry'
import { startAppServer } from './app-server'
import { openBrowser } from './browser-session'
import { readConfig } from './config'
import type { BenchConfig } from './config'
import { seedMysql, seedPostgres, seedSqlite, WIDE_TABLES } from './datasets'
import type { EngineTarget } from './datasets'
import { seedDuckdb } from './duckdb-dataset'
import { measureInBrowser, measureInProcess } from './engine-run'
import { measureEr, runErOnly, seedErSchemas } from './er-main'
import { generateOpenTable } from './open-dataset'
import { Recorder } from './recorder'
import { describeRun, formatTable } from './report'
import type { RunContext } from './report'
import { writeResults } from './results-files'
import { startServers, Teardown } from './servers'
import type { ServerStart } from './servers'
import { measureImports } from './import-run'
import { summarise } from './summary'

/** The repository root (this file is built to .tmp/bench/run.js). */
const root = resolve(import.meta.dirname, '..', '..')

const log = (text: string): void => console.log(`[bench] ${text}`)
const message = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error))

/** Generates each engine's open-case table (timed: the figure is part of the report). */
async function seedOpenTables(targets: readonly EngineTarget[], config: BenchConfig, recorder: Recorder) {
  for (const target of targets) {
    const rows = config.openRows[target.engine]
    const why = config.openCaps[target.engine]
    if (why) recorder.note(`${target.engine}: open table capped at ${rows.toLocaleString('en-US')} rows: ${why}`)
    log(`${target.engine}: generating the ${rows.toLocaleString('en-US')}-row open table`)
    try {
      const ms = await generateOpenTable(target, rows)
      recorder.record(target.engine, 'open.tableRows', rows)
      recorder.record(target.engine, 'open.generateMs', ms)
    } catch (error) {
      recorder.note(`${target.engine}: open table not generated: ${message(error)}`)
    }
  }
}

async function seed(engines: EngineTarget['engine'][], rows: number, dir: string, servers: readonly ServerStart[]) {
  const targets: EngineTarget[] = []
  for (const server of servers) {
    if ('skipped' in server) {
      log(`${server.engine} NOT MEASURED: ${server.skipped}`)
      continue
    }
    const started = performance.now()
    targets.push(
      server.engine === 'postgres' ? await seedPostgres(server.url, rows) : await seedMysql(server.url, rows),
    )
    log(`${server.engine}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  if (engines.includes('sqlite')) {
    const started = performance.now()
    targets.push(seedSqlite(dir, rows))
    log(`sqlite: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  if (engines.includes('duckdb')) {
    const started = performance.now()
    targets.push(await seedDuckdb(dir, rows, WIDE_TABLES))
    log(`duckdb: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return targets
}

async function main(teardown: Teardown): Promise<void> {
  const config = readConfig(process.env)
  const serveScript = join(root, 'out', 'main', 'serve.js')
  if (!existsSync(serveScript)) throw new Error(`${serveScript} is missing: run \`npm run build\` first`)
  if (process.env['QUARRY_BENCH_ONLY'] === 'er') return runErOnly(root, config, teardown)
  const startedAt = new Date().toISOString()
  const loadAverage = loadavg()
  log(`${config.rows} rows, ${config.runs} run(s), engines: ${config.engines.join(', ')}`)
  const dir = await mkdtemp(join(tmpdir(), 'quarry-bench-'))
  teardown.add('temp dir', () => rm(dir, { recursive: true, force: true }))
  const servers = await startServers(config.engines, teardown)
  const reads = config.cases.includes('stream') || config.cases.includes('open')
  const targets = reads ? await seed(config.engines, config.rows, dir, servers) : []
  const recorder = new Recorder()
  if (config.cases.includes('open')) await seedOpenTables(targets, config, recorder)
  const ers = await seedErSchemas(targets, dir, recorder)
  const drivers = createDriverRegistry({
    sqliteHostScript: join(root, 'out', 'main', 'sqlite-host.js'),
    duckdbHostScript: join(root, 'out', 'main', 'duckdb-host.js'),
  })
  if (config.cases.includes('import')) await measureImports(drivers, servers, config, recorder, dir)
  for (const target of config.cases.includes('stream') ? targets : []) {
    log(`${target.engine}: raw driver, main pipeline, driver tables()`)
    try {
      await measureInProcess(drivers.get(target.engine)!, target, config, recorder)
    } catch (error) {
      recorder.note(`${target.engine}: in-process measures stopped: ${message(error)}`)
    }
  }
  // The serve process's built-in sample connection gets an empty file: the bench needs no sample.db.
  const sampleDb = join(dir, 'sample.db')
  new Database(sampleDb).exec('CREATE TABLE IF NOT EXISTS empty (id INTEGER)')
  const app = reads ? await startAppServer(root, join(dir, 'data'), sampleDb) : null
  if (app) teardown.add('browser-mode server', () => app.stop())
  const session = app ? await openBrowser(app, teardown) : null
  for (const target of session ? targets : []) {
    log(`${target.engine}: end to end in Chromium`)
    try {
      await measureInBrowser(session!, target, config, recorder)
    } catch (error) {
      recorder.note(`${target.engine}: browser measures stopped: ${message(error)}`)
    }
  }
  if (session) await measureEr(ers, drivers, session, config, recorder)
  const context: RunContext = {
    startedAt,
    finishedAt: new Date().toISOString(),
    rows: config.rows,
    runs: config.runs,
    openRows: targets.map((t) => `${t.engine} ${config.openRows[t.engine].toLocaleString('en-US')}`),
    engines: targets.map((t) => t.engine),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
      loadAverage,
      node: process.versions.node,
      platform: `${process.platform} ${process.arch}`,
    },
    versions: { ...recorder.versions, ...(session ? { chromium: session.browser.version() } : {}) },
    notes: recorder.notes,
  }
  const summary = summarise(recorder.samples, recorder.rejected)
  console.log(`\n${describeRun(context)}\n\n${formatTable(summary)}\n`)
  for (const note of recorder.notes) console.log(`note: ${note}`)
  const files = await writeResults(join(root, 'bench', 'results'), context, recorder, summary)
  log(`report: ${files.join(', ')}`)
}

const teardown = new Teardown()
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true
    log(`${signal}: stopping servers and browser`)
    void teardown.run().finally(() => process.exit(130))
  })
}
// Clients of a server being stopped fail loudly; once stopping, that is expected and must not cut the teardown short.
process.on('uncaughtException', (error) => {
  if (stopping) return
  console.error(`[bench] failed: ${message(error)}`)
  void teardown.run().finally(() => process.exit(1))
})
main(teardown)
  .then(() => teardown.run())
  .catch(async (error: unknown) => {
    if (stopping) return
    console.error(`[bench] failed: ${message(error)}`)
    await teardown.run()
    process.exitCode = 1
  })
