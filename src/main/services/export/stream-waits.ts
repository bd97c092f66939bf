import type { WriteStream } from 'node:fs'
import type { Writable } from 'node:stream'

/**
 * Waits on writable streams that always end. Waiting for 'drain' (or 'finish') alone can hang
 * forever: a stream destroyed by a failed write (ENOSPC between two writes) emits neither again.
 * So every wait here also ends on 'error', on 'close', on a stream already destroyed, and on abort.
 */

/** Why the stream can take no more: its own error when it has one. */
export function streamFailure(stream: Writable): Error | null {
  if (stream.errored) return stream.errored
  if (stream.destroyed) return new Error('the file was closed before the export finished writing it')
  return null
}

/** Resolves once `stream` has drained; rejects when it fails, closes or is destroyed first, or on abort. */
export function waitForDrain(stream: Writable, signal?: AbortSignal): Promise<void> {
  const failure = streamFailure(stream)
  if (failure) return Promise.reject(failure)
  return stream.writableNeedDrain ? settleOn(stream, 'drain', signal) : Promise.resolve()
}

/** Resolves once `stream` has opened its file; rejects when opening fails. */
export function waitForOpen(stream: WriteStream): Promise<void> {
  return stream.pending ? settleOn(stream, 'open') : Promise.resolve()
}

/** Destroys `stream` (if it is not closed yet) and resolves once it closed, or after `timeoutMs` at most. */
export function destroyAndWait(stream: Writable, timeoutMs = 5_000): Promise<void> {
  if (stream.closed) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, timeoutMs)
    function finish(): void {
      clearTimeout(timer)
      stream.off('close', finish)
      resolve()
    }
    stream.once('close', finish)
    stream.destroy()
  })
}

/** Ends `stream` and resolves once every byte was written and the file is closed; rejects otherwise, or on abort. */
export function endAndClose(stream: Writable, signal?: AbortSignal): Promise<void> {
  const failure = streamFailure(stream)
  if (failure) return Promise.reject(failure)
  const closed = settleOn(stream, 'close', signal)
  stream.end()
  return closed
}

/** Resolves on `event` ('open', 'drain', or a 'close' after a complete write); rejects on the stream's error, its early close, its destruction or abort. */
function settleOn(stream: Writable, event: 'open' | 'drain' | 'close', signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // A close that is not the end of a complete write (after an error, or before 'finish') is a failure.
    const closeOutcome = (): Error | null =>
      event === 'close' && stream.writableFinished && !stream.errored
        ? null
        : (streamFailure(stream) ?? new Error('the file was closed before the export finished writing it'))
    if (stream.closed) {
      const failure = closeOutcome()
      return failure ? reject(failure) : resolve()
    }
    if (event !== 'close' && streamFailure(stream)) return reject(streamFailure(stream))
    if (signal?.aborted) return reject(signal.reason)
    const done = (error: unknown): void => {
      if (event !== 'close') stream.off(event, onEvent)
      stream.off('error', done)
      stream.off('close', onClose)
      signal?.removeEventListener('abort', onAbort)
      if (error === null) resolve()
      else reject(error)
    }
    const onEvent = (): void => done(null)
    const onClose = (): void => done(closeOutcome())
    const onAbort = (): void => done(signal?.reason)
    if (event !== 'close') stream.once(event, onEvent)
    stream.once('error', done)
    stream.once('close', onClose)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
