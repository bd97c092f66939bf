import { mkdir } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'
import { QuarryFailure } from '../../../shared/contract'
import type { ImportAnalysis, ImportPlan, ImportSource } from '../../../shared/contract/import-model'
import { engineOf } from '../../../shared/engines/engine-list'
import type { ClientSink } from '../client-sink'
import { ClientJobs } from '../client-jobs'
import type { ConnectionService } from '../connection-service'
import { toQuarryError } from '../to-quarry-error'
import { AnalysisCache } from './analysis-cache'
import { analyseFile } from './import-analysis'
import { runImport, type ImportTarget } from './import-runner'

const invalid = (message: string, path?: string): QuarryFailure =>
  new QuarryFailure({ kind: 'invalid-input', message, ...(path ? { path } : {}) })

/**
 * import.analyse / import.start / import.cancel: analyses and runs by id per client (a client that
 * goes away cancels its own), progress and the end pushed as events. Rejects files go to `rejectsDir`.
 */
export class ImportService {
  private readonly jobs = new ClientJobs('Import')
  /** Each run gets its file's analysis, for a direct load (import-direct.ts). */
  private readonly analyses = new AnalysisCache()

  constructor(
    private readonly connections: ConnectionService,
    readonly rejectsDir: string,
  ) {}

  /** Reads the whole file and answers its profile (cancellable by its id). */
  analyse(client: ClientSink, importId: string, connectionId: string, source: ImportSource): Promise<ImportAnalysis> {
    const facts = this.targetFacts(connectionId)
    checkFile(source.file)
    return new Promise((resolve, reject) => {
      this.jobs.start(client, importId, undefined, async (signal) => {
        try {
          const onProgress = (bytesRead: number, bytesTotal: number, rows: number): void =>
            client.emit('import.analysing', { importId, bytesRead, bytesTotal, rows })
          const fileStamp = await this.analyses.stamp(source)
          const analysis = await analyseFile(source, facts, { signal, onProgress })
          this.analyses.keep(source, fileStamp, analysis)
          resolve(analysis)
        } catch (e) {
          reject(signal.aborted ? new QuarryFailure({ kind: 'cancelled', message: 'Analysis cancelled' }) : e)
        }
      })
    })
  }

  /** Starts a run; its progress and its end arrive as import.progress and import.end events. */
  start(client: ClientSink, importId: string, connectionId: string, plan: ImportPlan): void {
    const facts = this.targetFacts(connectionId)
    checkFile(plan.source.file)
    const driver = this.connections.driverFor(connectionId)
    const descriptor = engineOf(driver.engine)
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const rejectsPath = join(this.rejectsDir, `${basename(plan.source.file)}-${stamp}-rejects.csv`)
    this.jobs.start(client, importId, undefined, async (signal) => {
      const started = performance.now()
      try {
        await mkdir(this.rejectsDir, { recursive: true })
        const target: ImportTarget = {
          connection: await this.connections.get(connectionId),
          quote: (name) => driver.quoteIdentifier(name),
          facts,
          transactions: descriptor.transactions!,
        }
        const onProgress = (progress: Parameters<NonNullable<Parameters<typeof runImport>[2]['onProgress']>>[0]) =>
          client.emit('import.progress', { importId, ...progress })
        const analysis = await this.analyses.recall(plan.source)
        const result = await runImport(target, plan, {
          signal,
          onProgress,
          rejectsPath,
          ...(analysis ? { analysis } : {}),
        })
        client.emit('import.end', { importId, outcome: 'done', result, error: null })
      } catch (e) {
        const error = toQuarryError(e, driver.engine)
        const outcome = signal.aborted || error.kind === 'cancelled' ? 'cancelled' : 'error'
        const elapsedMs = Math.round(performance.now() - started)
        client.emit('import.end', {
          importId,
          outcome,
          result: null,
          error: { ...error, message: error.message },
          elapsedMs,
        })
      }
    })
  }

  cancel(client: ClientSink, importId: string): Promise<boolean> {
    return this.jobs.cancel(client, importId)
  }

  cancelAll(): Promise<void> {
    return this.jobs.cancelAll()
  }

  private targetFacts(connectionId: string) {
    const descriptor = engineOf(this.connections.driverFor(connectionId).engine)
    if (!descriptor.import || !descriptor.transactions) throw invalid(`${descriptor.label} does not take imports`)
    return descriptor.import
  }
}

function checkFile(file: string): void {
  if (!isAbsolute(file)) throw invalid("The file's path must be absolute (on the machine Quarry runs on)", 'file')
}
