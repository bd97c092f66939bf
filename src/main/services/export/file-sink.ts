import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { chmod, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { exportFileError } from './file-errors'
import { publishFile } from './publish-file'
import { destroyAndWait, endAndClose, streamFailure, waitForDrain, waitForOpen } from './stream-waits'

/** The file-system functions a write stream uses (createWriteStream's `fs` option); tests inject faults. */
export type StreamFs = NonNullable<Parameters<typeof createWriteStream>[1] & object>['fs']

export interface FileSinkOptions {
  /** Replace a file already at the path when publishing; without it, an existing file fails the export. */
  overwrite: boolean
  /** Called with the temporary file's path before it is created, and again once it is gone or published. */
  journal?: { add(part: string): Promise<void>; remove(part: string): Promise<void> }
  fs?: StreamFs
  /** Told (once) when the file fails while the export runs, e.g. the disk filled up between two writes. */
  onFailure?: (failure: unknown) => void
}

/** Name of the temporary file written beside `path`; the start-up sweep recognises it by this shape. */
export const partPathFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.quarry-part`)

/**
 * A file written under a temporary name in the target's directory and published under the target
 * only when complete: a cancelled or failed export never leaves a partial file under the chosen
 * name. Writes wait for the stream to drain (backpressure), so memory stays constant; every wait
 * also ends when the stream fails or closes (see stream-waits), and file errors are typed.
 */
export class FileSink {
  private bytes = 0
  private closed = false

  private constructor(
    private readonly stream: WriteStream,
    readonly tempPath: string,
    readonly path: string,
    private readonly options: FileSinkOptions,
  ) {
    // The one error listener: the failure stays on the stream (`errored`) for every wait to read.
    stream.on('error', (error) => {
      if (!this.closed) options.onFailure?.(exportFileError(error, path))
    })
  }

  /** Creates the temporary file (exclusively) beside `path`, with the mode of the file it replaces. */
  static async open(path: string, options: FileSinkOptions): Promise<FileSink> {
    const tempPath = partPathFor(path)
    const existing = options.overwrite ? await stat(path).catch(() => null) : null
    await options.journal?.add(tempPath)
    // A new file gets 0666 less the umask, as any program's would; a replaced one keeps its mode.
    const mode = existing ? existing.mode & 0o777 : 0o666
    const stream = createWriteStream(tempPath, {
      flags: 'wx',
      mode,
      highWaterMark: 1 << 20,
      ...(options.fs ? { fs: options.fs } : {}),
    })
    const sink = new FileSink(stream, tempPath, path, options)
    try {
      await waitForOpen(stream)
    } catch (error) {
      // 'wx' created nothing when it failed: there is no file of ours to remove.
      await options.journal?.remove(tempPath).catch(() => {})
      throw exportFileError(error, path)
    }
    return sink
  }

  get bytesWritten(): number {
    return this.bytes
  }

  /** Writes text; resolves once the stream can take more (its buffer drained), or the signal aborts. */
  async write(text: string | Uint8Array, signal?: AbortSignal): Promise<void> {
    if (text.length === 0) return
    if (this.closed) throw new Error('FileSink: write after close')
    const failure = streamFailure(this.stream)
    if (failure) throw exportFileError(failure, this.path)
    const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    this.bytes += chunk.length
    if (this.stream.write(chunk)) return
    await waitForDrain(this.stream, signal).catch((error: unknown) => {
      throw exportFileError(error, this.path)
    })
  }

  /** Flushes and closes the file, then publishes it under its final name; the signal stops a slow flush. */
  async commit(signal?: AbortSignal): Promise<void> {
    this.closed = true
    try {
      await endAndClose(this.stream, signal)
      if (this.options.overwrite) {
        // Keep the mode of the file being replaced (a 0600 file stays 0600).
        const existing = await stat(this.path).catch(() => null)
        if (existing) await chmod(this.tempPath, existing.mode & 0o7777)
      }
      await publishFile(this.tempPath, this.path, this.options.overwrite)
    } catch (error) {
      await this.discard()
      throw exportFileError(error, this.path)
    }
    await this.options.journal?.remove(this.tempPath)
  }

  /** Closes and removes the temporary file; the target is left as it was. */
  async discard(): Promise<void> {
    this.closed = true
    await destroyAndWait(this.stream)
    await unlink(this.tempPath).catch(() => {})
    await this.options.journal?.remove(this.tempPath).catch(() => {})
  }
}
