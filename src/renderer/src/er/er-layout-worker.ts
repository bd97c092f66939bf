/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js'
import type { LayoutReply, LayoutRequest } from './er-layout'
import { elkGraph, WARM_UP } from './er-layout-graph'

/** Lays diagrams out with elkjs's layered algorithm, off the UI thread (one request at a time, in order). */
const elk = new ELK()
// The first layout compiles most of elkjs (~0.5 s on a loaded machine): done now, not on the first diagram.
void elk.layout(elkGraph(WARM_UP)).catch(() => undefined)

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const request = event.data
  try {
    const laid = await elk.layout(elkGraph(request))
    const positions: Record<string, [number, number]> = {}
    for (const child of laid.children ?? []) positions[child.id] = [child.x ?? 0, child.y ?? 0]
    self.postMessage({ id: request.id, positions } satisfies LayoutReply)
  } catch (error) {
    self.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies LayoutReply)
  }
}
