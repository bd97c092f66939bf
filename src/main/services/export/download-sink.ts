import type { ServerResponse } from 'node:http'
import { QuarryFailure } from '../../../shared/contract'
import { streamFailure, waitForDrain } from './stream-waits'

/** Where an export's text goes: a file (FileSink) or a browser download (DownloadSink). */
export interface ExportSink {
  readonly path: string
  readonly bytesWritten: number
  write(text: string | Uint8Array, signal?: AbortSignal): Promise<void>
  /** The file is complete: publish it (a file) or end the response (a download). */
  commit(signal?: AbortSignal): Promise<void>
  /** The export failed or was cancelled: leave nothing complete behind. */
  discard(): Promise<void>
}

/**
 * A browser download, streamed: each batch is written to the HTTP response and the next waits for
 * it to drain, so the server holds one batch at most. The browser aborting the download (its
 * connection closed early) stops the export (`onFailure`, a cancel); a failed export destroys the
 * response so the browser marks the download failed instead of keeping a truncated file.
 */
export class DownloadSink implements ExportSink {
  private bytes = 0
  private done = false

  constructor(
    private readonly response: ServerResponse,
    readonly path: string,
    contentType: string,
    onFailure: (failure: unknown) => void,
  ) {
    response.on('close', () => {
      if (!this.done && !response.writableFinished)
        onFailure(new QuarryFailure({ kind: 'cancelled', message: 'The download was cancelled in the browser' }))
    })
    response.writeHead(200, {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${asciiName(path)}"; filename*=UTF-8''${encodeURIComponent(path)}`,
    })
  }

  get bytesWritten(): number {
    return this.bytes
  }

  async write(text: string | Uint8Array, signal?: AbortSignal): Promise<void> {
    if (text.length === 0) return
    const failure = streamFailure(this.response)
    if (failure) throw failure
    const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    this.bytes += chunk.length
    if (this.response.write(chunk)) return
    await waitForDrain(this.response, signal)
  }

  async commit(): Promise<void> {
    this.done = true
    // Ends on 'finish', or on 'close' when the browser went away meanwhile: never waits forever.
    await new Promise<void>((resolve) => {
      this.response.once('close', () => resolve())
      this.response.end(() => resolve())
    })
  }

  async discard(): Promise<void> {
    this.done = true
    this.response.destroy()
  }
}

/** The file name with anything outside printable ASCII (and quotes, backslashes) as `_`. */
const asciiName = (name: string): string => name.replace(/[^\x20-\x7e]|["\\]/g, '_')
