import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * A file written under a temporary name in the target's directory and renamed over the target
 * only when complete: a cancelled or failed export never leaves a partial file under the chosen
 * name. Writes wait for the stream to drain (backpressure), so memory stays constant.
 */
export class FileSink {
  private bytes = 0
  private closed = false
  /** The stream's error, kept: it may come between writes, when nobody is waiting on the stream. */
  private failure: Error | null = null

  private constructor(
    private readonly stream: WriteStream,
    readonly tempPath: string,
    readonly path: string,
  ) {
    stream.on('error', (error) => (this.failure ??= error))
  }

  /** Creates the temporary file (exclusively) beside `path`. */
  static async open(path: string): Promise<FileSink> {
    const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.quarry-part`)
    const stream = createWriteStream(tempPath, { flags: 'wx', mode: 0o644, highWaterMark: 1 << 20 })
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', reject)
    })
    return new FileSink(stream, tempPath, path)
  }

  get bytesWritten(): number {
    return this.bytes
  }

  /** Writes text; resolves once the stream can take more (its buffer drained). */
  async write(text: string): Promise<void> {
    if (text.length === 0) return
    if (this.closed) throw new Error('FileSink: write after close')
    if (this.failure) throw this.failure
    const chunk = Buffer.from(text, 'utf8')
    this.bytes += chunk.length
    if (this.stream.write(chunk)) return
    // A failed stream never drains: its 'close' (which follows any error) ends the wait too.
    await new Promise<void>((resolve, reject) => {
      const settle = (error: Error | null) => {
        this.stream.off('drain', onDrain).off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onDrain = () => settle(null)
      const onClose = () => settle(this.failure ?? new Error('FileSink: the file was closed while writing'))
      if (this.stream.destroyed) return onClose()
      this.stream.once('drain', onDrain).once('close', onClose)
    })
  }

  /** Flushes, closes and renames the file to its final name. */
  async commit(): Promise<void> {
    await this.close()
    await rename(this.tempPath, this.path)
  }

  /** Closes and removes the temporary file; the target is left as it was. */
  async discard(): Promise<void> {
    try {
      await this.close()
    } catch {
      // The stream failed already; removing the file is what matters.
    }
    await unlink(this.tempPath).catch(() => {})
  }

  private close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.closed = true
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
    })
  }
}
