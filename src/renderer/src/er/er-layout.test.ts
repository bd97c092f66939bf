import ELK from 'elkjs/lib/elk.bundled.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { elkGraph, WARM_UP } from './er-layout-graph'

/** A Worker stand-in that records what was started. */
const started: string[] = []
class FakeWorker {
  onmessage: unknown = null
  onerror: unknown = null
  constructor(url: URL) {
    started.push(url.pathname)
  }
  postMessage(): void {}
}

describe('ER layout worker start', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
    started.length = 0
  })

  it('starts no worker until the first layout, then one for every layout', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { layOut } = await import('./er-layout')
    expect(started).toEqual([])
    void layOut({ nodes: [{ id: 'a', width: 10, height: 10 }], edges: [] })
    expect(started).toHaveLength(1)
    expect(started[0]).toMatch(/er-layout-worker/)
    void layOut({ nodes: [{ id: 'b', width: 10, height: 10 }], edges: [] })
    expect(started).toHaveLength(1)
  })

  it("lays the worker's warm-up diagram out with the options a small diagram gets", async () => {
    const laid = await new ELK().layout(elkGraph(WARM_UP))
    expect(laid.children?.map((c) => c.id).sort()).toEqual(['a', 'b', 'c'])
    // Layered: a refers to b and c, which share the layer beside a's.
    const x = Object.fromEntries((laid.children ?? []).map((c) => [c.id, c.x ?? 0]))
    expect(x['b']).toBe(x['c'])
    expect(x['b']).not.toBe(x['a'])
  })
})
