import type { EventMessage, ExportFormat, MethodInput, QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { QueryEventRouter } from './query-events'

export type ExportStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'error'

/** An export's progress as the panel shows it; the rows never come to the renderer. */
export interface ExportState {
  status: ExportStatus
  format: ExportFormat
  rowsWritten: number
  bytesWritten: number
  path: string | null
  elapsedMs: number
  error: QuarryError | null
  /** Every result exported: its files, in order. */
  files?: string[]
}

export type ExportRequest = Omit<MethodInput<'export.start'>, 'queryId'>

/** An export not started yet. */
export const IDLE_EXPORT: ExportState = {
  status: 'idle',
  format: 'csv',
  rowsWritten: 0,
  bytesWritten: 0,
  path: null,
  elapsedMs: 0,
  error: null,
}

/** One export of a result to a file: asks main to run it, follows its progress, cancels it. */
export class ExportRun {
  private state: ExportState = IDLE_EXPORT
  private readonly listeners = new Set<() => void>()
  private queryId: string | null = null
  private unregister: (() => void) | null = null

  constructor(
    private readonly client: QuarryClient,
    private readonly router: QueryEventRouter,
  ) {}

  getState = (): ExportState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get busy(): boolean {
    return this.state.status === 'starting' || this.state.status === 'running'
  }

  async start(request: ExportRequest): Promise<void> {
    if (this.busy) return
    const queryId = crypto.randomUUID()
    this.queryId = queryId
    this.set({ ...IDLE_EXPORT, status: 'starting', format: request.format, files: undefined })
    this.unregister?.()
    this.unregister = this.router.register(queryId, (message) => this.onEvent(message))
    const result = await this.client.call('export.start', { ...request, queryId })
    if (this.queryId !== queryId) return
    if (!result.ok) return this.finish({ status: 'error', error: result.error })
    // The save dialog was dismissed: nothing runs.
    if (result.value.path === null) return this.finish({ status: 'idle' })
    if (this.state.status === 'starting') this.set({ status: 'running', path: result.value.path })
    // Browser mode's download: the browser fetches the one-time link and saves what streams in.
    if (result.value.download) startDownload(result.value.download)
  }

  async cancel(): Promise<void> {
    if (!this.busy || !this.queryId) return
    const result = await this.client.call('export.cancel', { queryId: this.queryId })
    if (!result.ok) this.finish({ status: 'error', error: result.error })
  }

  dispose(): void {
    void this.cancel()
    this.unregister?.()
    this.listeners.clear()
  }

  private onEvent(message: EventMessage): void {
    if (message.event === 'export.progress') {
      const { rowsWritten, bytesWritten } = message.payload
      this.set({ status: 'running', rowsWritten, bytesWritten })
    } else if (message.event === 'export.end') {
      const { outcome, rowsWritten, bytesWritten, path, elapsedMs, error, files } = message.payload
      this.finish({ status: outcome, rowsWritten, bytesWritten, path, elapsedMs, error, ...(files ? { files } : {}) })
    }
  }

  private finish(patch: Partial<ExportState>): void {
    this.unregister?.()
    this.unregister = null
    this.set(patch)
  }

  private set(patch: Partial<ExportState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of [...this.listeners]) listener()
  }
}

/** Opens a same-origin link as a browser download (the server names the file). */
function startDownload(href: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = ''
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}
