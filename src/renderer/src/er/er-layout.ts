/** A layout request to the worker: boxes with their sizes, and the relationships between them. */
export interface LayoutRequest {
  id: number
  nodes: { id: string; width: number; height: number }[]
  edges: { id: string; source: string; target: string }[]
}

export type LayoutReply = { id: number; positions: Record<string, [number, number]> } | { id: number; error: string }

/**
 * How long a layout may take before it is given up (the boxes keep their first places): 30 s, and
 * 40 ms more per table (a 2,000-table schema took 15 s on a loaded 2-core machine).
 */
export const layoutTimeoutMs = (tables: number): number => 30_000 + 40 * tables

/**
 * The layout worker, started by the first layout and kept for the page's life. Loading and compiling
 * elkjs is about a second of a second thread's CPU: a diagram asks for its layout only once its first
 * boxes are painted (use-er-diagram.ts), so that second never competes with its catalog read and paint.
 */
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
    const limit = layoutTimeoutMs(request.nodes.length)
    const timer = setTimeout(() => {
      pending.delete(id)
      reject(new Error(`The layout took over ${Math.round(limit / 1000)} s`))
    }, limit)
    pending.set(id, (reply) => {
      clearTimeout(timer)
      if ('error' in reply) reject(new Error(reply.error))
      else resolve(reply.positions)
    })
    layoutWorker().postMessage({ id, ...request } satisfies LayoutRequest)
  })
}
