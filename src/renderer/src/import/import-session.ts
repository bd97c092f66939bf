import type {
  EventMessage,
  ImportAnalysis,
  ImportPlan,
  ImportResult,
  ImportSource,
  QuarryError,
} from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'

export type ImportStep = 'choose' | 'uploading' | 'ready' | 'analysing' | 'analysed' | 'running' | 'done' | 'failed'

/** How far the current step is: done of total (bytes), rows so far, rows/s, seconds left. */
export interface ImportMeter {
  done: number
  total: number
  rows: number
  rejected: number
  rowsPerSecond: number
  etaSeconds: number | null
}

export interface ImportState {
  step: ImportStep
  /** The file as the services read it (a path on the machine Quarry runs on) and its name. */
  file: { path: string; name: string; size: number } | null
  meter: ImportMeter | null
  analysis: ImportAnalysis | null
  result: ImportResult | null
  error: QuarryError | null
}

const initial: ImportState = { step: 'choose', file: null, meter: null, analysis: null, result: null, error: null }
const failure = (message: string): QuarryError => ({ kind: 'internal', message })
const cancelled = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError'

/**
 * One import dialog's work, outside React: the file (chosen in main's dialog, or uploaded in slices
 * in browser mode), its analysis, then runs (dry or real), each with a meter and a cancel.
 */
export class ImportSession {
  private state: ImportState = initial
  private readonly listeners = new Set<() => void>()
  private importId: string | null = null
  private uploadId: string | null = null
  private uploadAbort: AbortController | null = null
  private started = 0
  private readonly stopEvents: () => void

  constructor(
    private readonly client: QuarryClient,
    private readonly connectionId: string,
  ) {
    this.stopEvents = client.onEvent((message) => this.onEvent(message))
  }

  getState = (): ImportState => this.state
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get busy(): boolean {
    return this.state.step === 'uploading' || this.state.step === 'analysing' || this.state.step === 'running'
  }

  /** Desktop: a file on this machine, by path. */
  useFile(path: string): void {
    this.set({ ...initial, step: 'ready', file: { path, name: path.replace(/^.*[\\/]/, ''), size: 0 } })
  }

  /** Browser mode: sends the file to the server in slices, one at a time (each awaited: backpressure). */
  async upload(file: File): Promise<void> {
    await this.discardUpload()
    const answer = await this.client.call('import.upload', { name: file.name || 'upload', size: file.size })
    if (!answer.ok) return this.set({ ...initial, step: 'failed', error: answer.error })
    const { uploadId, url, chunkBytes } = answer.value
    this.uploadId = uploadId
    const abort = (this.uploadAbort = new AbortController())
    this.started = performance.now()
    const meter = (done: number): ImportMeter => this.meterOf(done, file.size, 0, 0)
    this.set({
      ...initial,
      step: 'uploading',
      file: { path: answer.value.file, name: file.name, size: file.size },
      meter: meter(0),
    })
    try {
      for (let offset = 0; offset < file.size; offset += chunkBytes) {
        const slice = file.slice(offset, Math.min(file.size, offset + chunkBytes))
        const response = await fetch(`${url}?offset=${offset}`, { method: 'PUT', body: slice, signal: abort.signal })
        if (!response.ok) throw new Error((await response.text()) || `Upload refused (${response.status})`)
        this.set({ meter: meter(offset + slice.size) })
      }
      this.set({ step: 'ready', meter: null })
    } catch (e) {
      if (cancelled(e)) return
      this.set({ step: 'failed', error: failure(e instanceof Error ? e.message : String(e)) })
    } finally {
      this.uploadAbort = null
    }
  }

  async analyse(source: Omit<ImportSource, 'file'>): Promise<void> {
    const file = this.state.file
    if (!file || this.busy) return
    const importId = this.begin('analysing')
    const answer = await this.client.call('import.analyse', {
      connectionId: this.connectionId,
      importId,
      source: { ...source, file: file.path },
    })
    if (this.importId !== importId) return
    this.importId = null
    if (answer.ok) this.set({ step: 'analysed', analysis: answer.value, meter: null })
    else if (answer.error.kind === 'cancelled') this.set({ step: 'ready', meter: null })
    else this.set({ step: 'failed', error: answer.error, meter: null })
  }

  async run(plan: ImportPlan): Promise<void> {
    if (this.busy) return
    const importId = this.begin('running')
    const answer = await this.client.call('import.start', { connectionId: this.connectionId, importId, plan })
    if (!answer.ok && this.importId === importId) {
      this.importId = null
      this.set({ step: 'failed', error: answer.error, meter: null })
    }
  }

  /** Back to the analysed columns after a result or an error (to change them and run again). */
  back(): void {
    if (!this.busy)
      this.set({ step: this.state.analysis ? 'analysed' : this.state.file ? 'ready' : 'choose', error: null })
  }

  async cancel(): Promise<void> {
    this.uploadAbort?.abort()
    if (this.state.step === 'uploading') {
      await this.discardUpload()
      this.set({ ...initial })
    }
    if (this.importId) await this.client.call('import.cancel', { importId: this.importId })
  }

  /** Closing the dialog: stops what runs and removes an uploaded file from the server. */
  async dispose(): Promise<void> {
    this.stopEvents()
    this.listeners.clear()
    await this.cancel()
    await this.discardUpload()
  }

  private async discardUpload(): Promise<void> {
    const id = this.uploadId
    this.uploadId = null
    if (id) await this.client.call('import.discard', { uploadId: id })
  }

  private begin(step: 'analysing' | 'running'): string {
    const importId = `import-${crypto.randomUUID()}`
    this.importId = importId
    this.started = performance.now()
    this.set({ step, meter: this.meterOf(0, this.state.file?.size ?? 0, 0, 0), result: null, error: null })
    return importId
  }

  private meterOf(done: number, total: number, rows: number, rejected: number): ImportMeter {
    const seconds = Math.max(0.001, (performance.now() - this.started) / 1000)
    const rate = done / seconds
    return {
      done,
      total,
      rows,
      rejected,
      rowsPerSecond: Math.round(rows / seconds),
      etaSeconds: done > 0 && total > 0 ? Math.max(0, (total - done) / rate) : null,
    }
  }

  private onEvent(message: EventMessage): void {
    if (!('importId' in message.payload) || message.payload.importId !== this.importId) return
    if (message.event === 'import.analysing') {
      const { bytesRead, bytesTotal, rows } = message.payload
      this.set({ meter: this.meterOf(bytesRead, bytesTotal, rows, 0) })
    } else if (message.event === 'import.progress') {
      const p = message.payload
      this.set({
        meter: {
          done: p.bytesRead,
          total: p.bytesTotal,
          rows: p.rows,
          rejected: p.rejected,
          rowsPerSecond: p.rowsPerSecond,
          etaSeconds: p.etaSeconds,
        },
      })
    } else if (message.event === 'import.end') {
      this.importId = null
      const { outcome, result, error } = message.payload
      if (outcome === 'done') this.set({ step: 'done', result, meter: null })
      else if (outcome === 'cancelled') this.set({ step: 'analysed', meter: null })
      else this.set({ step: 'failed', error, meter: null })
    }
  }

  private set(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of [...this.listeners]) listener()
  }
}
