/// <reference lib="webworker" />
import { unpackSide, type PackedSide } from './packed-side'
import { DiffInputError, diffResults, type DiffResult } from './result-diff'

/** What the diff worker is sent: both sides packed (transferred), and the key. */
export interface DiffMessage {
  pinned: PackedSide
  current: PackedSide
  key: string[]
}

/** What the diff worker posts: progress (share done), the result, or why it failed. */
export type DiffReply =
  | { type: 'progress'; share: number }
  | { type: 'done'; result: DiffResult }
  | { type: 'error'; message: string; input: boolean }

const post = (reply: DiffReply, transfer: Transferable[] = []): void => self.postMessage(reply, { transfer })

self.onmessage = (event: MessageEvent<DiffMessage>) => {
  try {
    const { pinned, current, key } = event.data
    const request = { pinned: unpackSide(pinned), current: unpackSide(current), key }
    const result = diffResults(request, (share) => post({ type: 'progress', share }))
    const { status, currentRow, pinnedRow, changed, pinnedColumnOf } = result
    post({ type: 'done', result }, [
      status.buffer,
      currentRow.buffer,
      pinnedRow.buffer,
      changed.buffer,
      pinnedColumnOf.buffer,
    ])
  } catch (error) {
    post({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      input: error instanceof DiffInputError,
    })
  }
}
