/** A layout request to the worker: boxes with their sizes, and the relationships between them. */
export interface LayoutRequest {
  id: number
  nodes: { id: string; width: number; height: number }[]
  edges: { id: string; source: string; target: string }[]
}

export type LayoutReply = { id: number; positions: Record<string, [number, number]> } | { id: number; error: string }

/** How long a layout may take before it is given up (the boxes keep their first places). */
export const LAYOUT_TIMEOUT_MS = 30_000

/** The layout worker, started on first use and kept for the page's life. */
let worker: Worker | null = null
let nextId = 1
const pending = new Map<number, (reply: LayoutReply) => void>()

function layoutWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./er-layout-worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    pending.get(event.data.id)?.(event.data)
    pending.delete(event.data.id)
  }
  worker.onerror = (event) => {
    for (const [id, settle] of pending) settle({ id, error: event.message || 'The layout worker failed' })
    pending.clear()
    worker = null
  }
  return worker
}

/** Positions (top-left corners) for the boxes, from elkjs in a Web Worker; rejects on error or timeout. */
export function layOut(request: Omit<LayoutRequest, 'id'>): Promise<Record<string, [number, number]>> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id)
      reject(new Error(`The layout took over ${LAYOUT_TIMEOUT_MS / 1000} s`))
    }, LAYOUT_TIMEOUT_MS)
    pending.set(id, (reply) => {
      clearTimeout(timer)
      if ('error' in reply) reject(new Error(reply.error))
      else resolve(reply.positions)
    })
    layoutWorker().postMessage({ id, ...request } satisfies LayoutRequest)
  })
}
