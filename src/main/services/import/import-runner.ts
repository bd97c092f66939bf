import { QuarryFailure } from '../../../shared/contract'
import type { ImportAnalysis, ImportPlan, ImportProgress, ImportResult } from '../../../shared/contract/import-model'
import type { ImportFacts, TransactionStatements } from '../../../shared/engines/engine-descriptor'
import type { DriverConnection, SessionHandle } from '../../drivers/driver'
import { BatchWriter, StopAt, type Batch, type Row } from './batch-writer'
import { directDecision } from './import-direct'
import { loadDirect } from './import-direct-run'
import { RowConverter } from './row-convert'
import { INVALID } from './value-convert'
import { createTableSql, insertSql, qualifiedName, rowsPerInsert, type QuoteIdentifier } from './import-sql'
import { openRecords } from './record-source'
import { RejectsFile } from './rejects-file'

/** What a run needs of its target: the connection, and the engine's facts from its descriptor. */
export interface ImportTarget {
  connection: DriverConnection
  quote: QuoteIdentifier
  facts: ImportFacts
  transactions: TransactionStatements
}

export interface ImportRunOptions {
  signal?: AbortSignal
  onProgress?: (progress: ImportProgress) => void
  /** Where the rejects file goes (a path it may create). */
  rejectsPath: string
  /** The analysis of the file as it is now: where it shows the engine can read the file itself, it does. */
  analysis?: ImportAnalysis
  /** Never let the engine read the file itself (rows are sent). */
  rowsOnly?: boolean
}

const PROGRESS_EVERY_MS = 250

/**
 * Runs an import: one transaction for the whole file on a session of its own (a new table created
 * in it too, where the engine's DDL is transactional), rows converted and checked per column, then
 * written in batches by the driver's bulk path where the engine has one and the session can take it
 * (COPY, LOAD DATA LOCAL, the host's prepared INSERTs, read_csv), else by multi-row INSERTs with
 * every value bound. A dry run does all of it and rolls back.
 * "skip": rows that fail (in conversion, or on the server, retried alone under a savepoint) go to
 * the rejects file with the reason; "stop": the first failure rolls everything back.
 */
export async function runImport(
  target: ImportTarget,
  plan: ImportPlan,
  options: ImportRunOptions,
): Promise<ImportResult> {
  const { connection, quote, facts, transactions } = target
  const started = performance.now()
  const { signal } = options
  if (!connection.openSession)
    throw new QuarryFailure({ kind: 'invalid-input', message: 'This connection cannot import' })
  const records = await openRecords(plan.source, signal)
  const rejects = new RejectsFile(options.rejectsPath, records.header)
  const table = qualifiedName(quote, plan.schema, plan.table)
  let lastProgress = 0
  let session: SessionHandle | null = null
  let dropUnlessCommitted = false

  const exec = async (sql: string, params?: string[]): Promise<void> => {
    const held = session!.held
    const stream = connection.stream(sql, {
      batchSize: 1000,
      session: held,
      ...(signal ? { signal } : {}),
      ...(params ? { params } : {}),
    })
    for await (const item of stream) void item
  }
  const insert = (rows: Row[]): Promise<void> => {
    const { sql, params } = insertSql(quote, table, plan.columns, rows, facts.placeholder)
    return exec(sql, params)
  }
  let bulk = facts.bulk === 'insert' ? undefined : connection.bulk
  let batchRows = rowsPerInsert(facts, plan.columns.length)
  const bulkTarget = { table, columns: plan.columns.map((c) => quote(c.target)) }
  const reject = async (row: number, record: Row, reason: string): Promise<void> => {
    if (plan.onError === 'stop') throw new StopAt(row, reason)
    await rejects.add(row, record, reason)
  }
  const writer = new BatchWriter({
    write: (rows) => {
      const path = bulk
      return path ? path.write(session!.held, bulkTarget, rows, signal) : insert(rows)
    },
    exec: (sql) => exec(sql),
    retryRows: plan.onError === 'skip' && facts.savepoints,
    reject,
    ...(signal ? { signal } : {}),
  })
  // A direct load: the bytes the engine was given, its rows at that share of the analysis's count.
  let direct: { bytes: number; rows: number } | null = null
  const progress = (force: boolean): void => {
    const now = performance.now()
    if (!options.onProgress || (!force && now - lastProgress < PROGRESS_EVERY_MS)) return
    lastProgress = now
    const seconds = (now - started) / 1000
    const bytesRead = direct ? direct.bytes : records.bytesRead()
    const rows = direct ? Math.round((direct.rows * direct.bytes) / Math.max(1, records.bytesTotal)) : writer.written
    const rate = bytesRead / Math.max(seconds, 0.001)
    options.onProgress({
      rows,
      rejected: rejects.count,
      bytesRead,
      bytesTotal: records.bytesTotal,
      rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
      etaSeconds: bytesRead > 0 ? Math.max(0, (records.bytesTotal - bytesRead) / rate) : null,
    })
  }

  /** The row path: each record read, converted and checked here, written in batches. */
  const writeRows = async (): Promise<void> => {
    let row = 0
    let pending: Batch = { rows: [], numbers: [], originals: [] }
    const converter = new RowConverter(plan.columns, facts)
    for await (const batch of records.batches()) {
      for (const record of batch) {
        row++
        const values = converter.convert(record)
        if (values === INVALID) {
          await reject(row, record, converter.reason)
          continue
        }
        pending.rows.push(values)
        pending.numbers.push(row)
        pending.originals.push(record)
        if (pending.rows.length >= batchRows) {
          await writer.push(pending)
          pending = { rows: [], numbers: [], originals: [] }
          progress(false)
        }
      }
    }
    await writer.push(pending)
    await writer.drain()
  }

  let stoppedAt: ImportResult['stoppedAt'] = null
  let loaded: number | null = null
  let fileLoadError: string | null = null
  const createTable = (): Promise<void> => exec(createTableSql(quote, table, plan.columns))
  try {
    session = await connection.openSession(plan.database)
    // The bulk path where this session can take it (a server may refuse it): else multi-row INSERTs.
    if (bulk?.usable && !(await bulk.usable(session.held))) bulk = undefined
    if (bulk) batchRows = bulk.batchRows
    // Where DDL commits at once, the new table is made first and dropped again unless committed.
    if (plan.createTable && !facts.transactionalDdl) {
      await createTable()
      dropUnlessCommitted = true
    }
    await exec(transactions.begin)
    if (plan.createTable && facts.transactionalDdl) await createTable()
    // The engine reads the file itself where nothing in it needs converting (import-direct.ts).
    const decision = bulk?.loadFile && !options.rowsOnly ? directDecision(plan, options.analysis, facts) : null
    if (bulk?.loadFile && decision && 'load' in decision) {
      const { load } = decision
      direct = { bytes: 0, rows: load.rows }
      const outcome = await loadDirect({
        loadFile: bulk.loadFile,
        held: session.held,
        target: bulkTarget,
        load,
        ...(signal ? { signal } : {}),
        sent: (bytes) => {
          direct!.bytes = bytes
          progress(false)
        },
        exec: (sql) => exec(sql),
        savepoints: facts.savepoints,
        restart: async () => {
          await exec(transactions.rollback)
          await exec(transactions.begin)
          if (plan.createTable && facts.transactionalDdl) await createTable()
        },
      })
      if ('rows' in outcome) loaded = outcome.rows
      else [fileLoadError, direct] = [outcome.failed, null]
    }
    if (loaded === null) await writeRows()
    await exec(plan.dryRun ? transactions.rollback : transactions.commit)
    if (!plan.dryRun) dropUnlessCommitted = false
    progress(true)
  } catch (e) {
    if (!(e instanceof StopAt)) {
      await rejects.close().catch(() => {})
      // A cancel met while reading the file (the read stream's AbortError) is a cancel too.
      if (signal?.aborted && !(e instanceof QuarryFailure))
        throw new QuarryFailure({ kind: 'cancelled', message: 'Import cancelled' })
      throw e
    }
    stoppedAt = { row: e.row, reason: e.reason }
  } finally {
    await writer.settle()
    if (dropUnlessCommitted && session) {
      await exec(transactions.rollback).catch(() => {})
      // Not under the run's signal: a cancelled run still removes its table.
      const stream = connection.stream(`DROP TABLE ${table}`, { batchSize: 1, session: session.held })
      await (async () => {
        for await (const item of stream) void item
      })().catch(() => {})
    }
    await records.close?.().catch(() => {})
    // Closing the session rolls back whatever is still open (a failure, a cancel, a stop).
    await session?.close().catch(() => {})
  }
  const rejectsFile = await rejects.close()
  return {
    rowsWritten: stoppedAt ? 0 : (loaded ?? writer.written),
    rejected: rejects.count,
    rejectsFile,
    dryRun: plan.dryRun,
    elapsedMs: Math.round(performance.now() - started),
    stoppedAt,
    path: loaded === null ? 'rows' : 'file',
    fileLoadError,
  }
}
