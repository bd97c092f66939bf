import type { RowStore } from '../grid/row-store'
import type { DiffMessage, DiffReply } from './diff-worker'
import { packSide, transferOf } from './packed-side'
import type { DiffRequest, DiffResult } from './result-diff'

/** A diff gives up after this long (the user can cancel sooner). */
export const DIFF_TIMEOUT_MS = 10 * 60_000

export type DiffOutcome = { ok: true; result: DiffResult } | { ok: false; message: string; cancelled?: boolean }

/** A side of a diff from a row store: its batches as held and its column names. */
export const sideOf = (store: RowStore): DiffRequest['pinned'] => ({
  batches: store.encodedBatches(),
  columns: store.columns.map((column) => column.name),
})

/**
 * Runs a diff in its own Web Worker: each result's batches are copied once into one buffer that is
 * transferred (the grids keep reading their own batches meanwhile); the diff's typed arrays come
 * back transferred. Aborting the
 * signal, or the timeout, ends the worker at once.
 */
export function runDiff(
  request: DiffRequest,
  onProgress: (share: number) => void,
  signal: AbortSignal,
  timeoutMs = DIFF_TIMEOUT_MS,
): Promise<DiffOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./diff-worker.ts', import.meta.url), { type: 'module' })
    const finish = (outcome: DiffOutcome): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', abort)
      worker.terminate()
      resolve(outcome)
    }
    const abort = (): void => finish({ ok: false, message: 'Compare cancelled', cancelled: true })
    const timer = setTimeout(
      () => finish({ ok: false, message: `The compare took over ${timeoutMs / 60_000} min and was stopped` }),
      timeoutMs,
    )
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort)
    worker.onmessage = (event: MessageEvent<DiffReply>) => {
      const reply = event.data
      if (reply.type === 'progress') onProgress(reply.share)
      else if (reply.type === 'done') finish({ ok: true, result: reply.result })
      else finish({ ok: false, message: reply.message })
    }
    worker.onerror = (event) => finish({ ok: false, message: event.message || 'The compare worker failed' })
    const message: DiffMessage = {
      pinned: packSide(request.pinned),
      current: packSide(request.current),
      key: request.key,
    }
    worker.postMessage(message, [...transferOf(message.pinned), ...transferOf(message.current)])
  })
}
