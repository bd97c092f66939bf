import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DuckDBInstance } from '@duckdb/node-api'
import type { ConnectionOptions, Driver } from '../src/main/drivers/driver'
import { analyseFile } from '../src/main/services/import/import-analysis'
import { createTableSql } from '../src/main/services/import/import-sql'
import { runImport } from '../src/main/services/import/import-runner'
import type { ImportAnalysis, ImportPlan, ImportSource } from '../src/shared/contract/import-model'
import { engineOf } from '../src/shared/engines/engine-list'
import type { BenchConfig } from './config'
import { writeEventsCsv } from './import-dataset'
import type { BenchEngine } from './measures'
import type { Recorder } from './recorder'
import type { ServerStart } from './servers'

const run = promisify(execFile)
const log = (text: string): void => console.log(`[bench] ${text}`)

/** Where an engine's import case writes: connection options, and how its own CLI loads a CSV. */
interface ImportTargetSpec {
  engine: BenchEngine
  options: ConnectionOptions
  schema: string | null
  /** The engine's own import of `file` into `table` (already created with the same types); resolves when done. */
  cli(file: string, table: string): Promise<void>
  /** What the CLI is, for the report. */
  cliName: string
}

function serverOptions(engine: 'postgres' | 'mysql', url: string): ConnectionOptions {
  const u = new URL(url)
  return {
    engine,
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: engine === 'postgres' ? 'postgres' : 'bench_import',
    ssl: { mode: 'disable' },
  }
}

const BIG_BUFFER = 64 * 1024 * 1024

function specFor(server: ServerStart | { engine: 'sqlite' | 'duckdb' }, dir: string): ImportTargetSpec | null {
  if ('skipped' in server) return null
  switch (server.engine) {
    case 'postgres': {
      const options = serverOptions('postgres', server.url)
      return {
        engine: 'postgres',
        options,
        schema: 'public',
        cliName: 'psql \\copy (CSV)',
        cli: async (file, table) => {
          const copy = `\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`
          await run('psql', [server.url, '-v', 'ON_ERROR_STOP=1', '-c', copy], { maxBuffer: BIG_BUFFER })
        },
      }
    }
    case 'mysql': {
      const options = serverOptions('mysql', server.url)
      return {
        engine: 'mysql',
        options,
        schema: null,
        cliName: 'mariadb LOAD DATA LOCAL INFILE',
        cli: async (file, table) => {
          const load =
            `LOAD DATA LOCAL INFILE '${file}' INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' ` +
            `OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES`
          const args = ['--local-infile=1', '-h', options.host!, '-P', String(options.port), '-u', options.user!]
          await run('mariadb', [...args, `-p${options.password}`, 'bench_import', '-e', load], {
            maxBuffer: BIG_BUFFER,
          })
        },
      }
    }
    case 'sqlite': {
      const file = join(dir, 'import.db')
      return {
        engine: 'sqlite',
        options: { engine: 'sqlite', file },
        schema: null,
        cliName: 'sqlite3 .import --csv',
        cli: async (csv, table) => {
          await run('sqlite3', [file, `.import --csv --skip 1 ${csv} ${table}`], { maxBuffer: BIG_BUFFER })
        },
      }
    }
    case 'duckdb': {
      const file = join(dir, 'import.duckdb')
      return {
        engine: 'duckdb',
        options: { engine: 'duckdb', file },
        schema: 'main',
        cliName: "DuckDB read_csv (@duckdb/node-api, in the bench's process)",
        cli: async (csv, table) => {
          const instance = await DuckDBInstance.create(file)
          const connection = await instance.connect()
          try {
            await connection.run(`INSERT INTO ${table} SELECT * FROM read_csv('${csv}', header = true)`)
          } finally {
            connection.closeSync()
            instance.closeSync()
          }
        },
      }
    }
  }
}

/** Whether the engine's CLI is on this machine (none needed for DuckDB: its library is). */
async function cliMissing(engine: BenchEngine): Promise<string | null> {
  const bin = { postgres: 'psql', mysql: 'mariadb', sqlite: 'sqlite3', duckdb: null }[engine]
  if (!bin) return null
  try {
    await run(bin, ['--version'])
    return null
  } catch {
    return `${bin} is not installed here, so the import has no reference`
  }
}

/**
 * The import case (issue 17): the sample's `events` rows as CSV, made in the run; the whole file
 * analysed (rows/s), then per engine and run, Quarry's import into a new table against the
 * engine's own CLI loading the same file into a table of the same column types.
 */
export async function measureImports(
  drivers: { get(engine: string): Driver | undefined },
  servers: readonly ServerStart[],
  config: BenchConfig,
  recorder: Recorder,
  dir: string,
): Promise<void> {
  const rows = config.importRows
  const csv = join(dir, 'events.csv')
  const started = performance.now()
  const bytes = await writeEventsCsv(csv, rows)
  log(
    `import: ${rows.toLocaleString('en-US')} events rows as CSV (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  const source: ImportSource = { file: csv, format: 'delimited', delimiter: ',', nullMarkers: [''] }
  recorder.note(
    'import: "Quarry, time" is the write alone (runImport: read, convert, write, commit); the whole-file analysis that comes before it is timed apart ("analyse the whole CSV")',
  )
  const specs = [
    ...servers.map((s) => specFor(s, dir)),
    ...config.engines.filter((e) => e === 'sqlite' || e === 'duckdb').map((engine) => specFor({ engine }, dir)),
  ].filter((s): s is ImportTargetSpec => s !== null)
  for (const spec of specs) {
    const missing = await cliMissing(spec.engine)
    if (missing) {
      recorder.note(`${spec.engine}: import NOT MEASURED: ${missing}`)
      continue
    }
    try {
      await measureEngine(drivers.get(spec.engine)!, spec, source, rows, config, recorder)
    } catch (error) {
      recorder.note(
        `${spec.engine}: import measures stopped: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
}

async function measureEngine(
  driver: Driver,
  spec: ImportTargetSpec,
  source: ImportSource,
  rows: number,
  config: BenchConfig,
  recorder: Recorder,
): Promise<void> {
  const descriptor = engineOf(spec.engine)
  const facts = descriptor.import!
  if (spec.engine === 'mysql') {
    const admin = await driver.connect({ ...spec.options, database: undefined })
    await admin.execute('CREATE DATABASE IF NOT EXISTS bench_import')
    // The server refuses LOAD DATA LOCAL unless it allows it (a throwaway server: allowed here).
    await admin.execute('SET GLOBAL local_infile = 1')
    await admin.close()
  }
  log(`${spec.engine}: import: analysing the whole file`)
  const analysis: ImportAnalysis = await analyseFile(source, facts)
  recorder.record(spec.engine, 'import.analyseRowsPerSec', (analysis.rows / analysis.elapsedMs) * 1000)
  const quote = (name: string): string => driver.quoteIdentifier(name)
  const columns = analysis.columns.map((c, i) => ({
    source: i,
    target: c.name,
    kind: c.kind,
    format: c.format,
    type: c.proposedType,
  }))
  recorder.note(`${spec.engine}: import reference is ${spec.cliName}`)
  for (let r = 0; r < config.runs; r++) {
    const quarryTable = `import_quarry_${r}`
    const cliTable = `import_cli_${r}`
    const table = (name: string): string => (spec.schema ? `${quote(spec.schema)}.${quote(name)}` : quote(name))
    let connection = await driver.connect(spec.options)
    try {
      const plan: ImportPlan = {
        source,
        database: spec.options.database,
        schema: spec.schema,
        table: quarryTable,
        createTable: true,
        columns,
        dryRun: false,
        onError: 'stop',
      }
      log(`${spec.engine}: import run ${r + 1}: Quarry`)
      const result = await runImport({ connection, quote, facts, transactions: descriptor.transactions! }, plan, {
        rejectsPath: join(source.file + `.${spec.engine}.rejects.csv`),
        // As the app does: the run is told the file's analysis (so the engine may read the file itself).
        analysis,
      })
      if (result.stoppedAt)
        throw new Error(`Quarry's import stopped at row ${result.stoppedAt.row}: ${result.stoppedAt.reason}`)
      if (result.rowsWritten !== rows) throw new Error(`Quarry's import wrote ${result.rowsWritten} rows, not ${rows}`)
      if (r === 0)
        recorder.note(
          `${spec.engine}: import path: ${result.path}${result.fileLoadError ? ` (the file's load failed: ${result.fileLoadError})` : ''}`,
        )
      recorder.record(spec.engine, 'import.rowsPerSec', (rows / result.elapsedMs) * 1000)
      recorder.record(spec.engine, 'import.ms', result.elapsedMs)
      await connection.execute(createTableSql(quote, table(cliTable), columns))
    } finally {
      // DuckDB's file is free for the reference only once Quarry's host has closed it.
      await connection.close()
    }
    log(`${spec.engine}: import run ${r + 1}: ${spec.cliName}`)
    const started = performance.now()
    await spec.cli(source.file, spec.engine === 'mysql' || spec.engine === 'sqlite' ? cliTable : table(cliTable))
    const cliMs = performance.now() - started
    connection = await driver.connect(spec.options)
    try {
      const counted = await connection.execute(`SELECT COUNT(*) FROM ${table(cliTable)}`)
      const cliRows = Number(counted.rows[0]![0])
      if (cliRows !== rows) throw new Error(`${spec.cliName} loaded ${cliRows} rows, not ${rows}`)
      recorder.record(spec.engine, 'import.cli.rowsPerSec', (rows / cliMs) * 1000)
      recorder.record(spec.engine, 'import.cli.ms', cliMs)
      await connection.execute(`DROP TABLE ${table(quarryTable)}`)
      await connection.execute(`DROP TABLE ${table(cliTable)}`)
    } finally {
      await connection.close()
    }
  }
}
