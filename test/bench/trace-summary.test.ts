import { describe, expect, it } from 'vitest'
import { summariseProfile, traceFigures, type TraceEvent } from '../../bench/trace-summary'

const MAIN = { pid: 7, tid: 1 }
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
})
const x = (name: string, ts: number, dur: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  name,
  ph: 'X',
  ...MAIN,
  ts,
  dur,
  ...extra,
})

describe('traceFigures', () => {
  const stack = [{ functionName: 'onScroll', url: 'http://x/assets/index.js', lineNumber: 12 }]
  const events: TraceEvent[] = [
    meta(7, 1, 'CrRendererMain'),
    meta(9, 1, 'CrRendererMain'), // another renderer with less work: not the one read
    meta(7, 2, 'Compositor'),
    x('RunTask', 0, 80_000),
    x('FunctionCall', 1_000, 10_000),
    // A layout inside script: forced.
    x('Layout', 2_000, 3_000, { tdur: 2_500, args: { beginData: { stackTrace: stack } } }),
    // The frame's own style and layout, after the script: not forced.
    x('UpdateLayoutTree', 20_000, 4_000),
    x('Layout', 30_000, 5_000),
    x('RunTask', 100_000, 20_000),
    x('Layout', 1_000, 2_000, { tid: 2 }), // another thread
    x('RunTask', 0, 1_000, { pid: 9 }),
  ]

  it('reads the busiest renderer main thread: tasks, long tasks, forced layouts and where script forced them', () => {
    const f = traceFigures(events)!
    expect(f.tasks).toBe(2)
    expect(f.longTasks).toBe(1)
    expect(f.longestTaskMs).toBe(80)
    expect(f.forcedLayouts).toBe(1)
    expect(f.forcedLayoutMs).toBe(3)
    expect([...f.forcedBy]).toEqual([['Layout by onScroll index.js:12', 1]])
    // Totals are thread (CPU) time where the trace has it.
    expect(f.totals.get('Layout')).toBe(2.5 + 5)
    expect(f.totals.get('UpdateLayoutTree')).toBe(4)
  })

  it('says so when there is no renderer in the trace', () => {
    expect(traceFigures([x('RunTask', 0, 1)])).toBeNull()
  })
})

describe('summariseProfile', () => {
  it('ranks functions by self time, leaving out idle time', () => {
    const frame = (functionName: string) => ({ functionName, url: 'http://x/a.js', lineNumber: 0 })
    const text = summariseProfile({
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('render') },
        { id: 3, callFrame: frame('decode') },
      ],
      samples: [2, 3, 3, 1],
      timeDeltas: [0, 1_000, 2_000, 3_000],
    })
    expect(text.split('\n')).toEqual([
      'profile: 6 ms sampled; self time:',
      '      5 ms  decode a.js:1',
      '      1 ms  render a.js:1',
    ])
  })
})
