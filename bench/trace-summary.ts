/** One Chromium trace event (the fields this summary reads). */
export interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  /** Microseconds. */
  ts: number
  dur?: number
  /** Thread (CPU) time, microseconds: what the work cost, whatever else the machine ran. */
  tdur?: number
  args?: {
    name?: string
    beginData?: { stackTrace?: { functionName?: string; url?: string; lineNumber?: number }[] }
    data?: { stackTrace?: { functionName?: string; url?: string; lineNumber?: number }[] }
  }
}

/** What the renderer's main thread spent its time on while the trace ran. */
export interface TraceFigures {
  tasks: number
  longTasks: number
  longestTaskMs: number
  /** Style and layout run by script (a layout read after a write): count and ms. */
  forcedLayouts: number
  forcedLayoutMs: number
  /** Where script forced them: "function url:line" → count. */
  forcedBy: Map<string, number>
  /** Total CPU ms (thread time) of a few event kinds (layout, style, paint, GC, script). */
  totals: Map<string, number>
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask'])
const SCRIPT = new Set(['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'v8.callFunction'])
const LAYOUT = new Set(['Layout', 'UpdateLayoutTree'])
const TOTALS = [
  'RunTask',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'PrePaint',
  'Layerize',
  'MajorGC',
  'MinorGC',
  'FunctionCall',
]

/** The renderer's main thread: the CrRendererMain with the most complete events. */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  let best: { pid: number; tid: number } | null = null
  let bestCount = -1
  for (const m of mains) {
    const count = events.reduce((n, e) => (e.pid === m.pid && e.tid === m.tid && e.ph === 'X' ? n + 1 : n), 0)
    if (count > bestCount) [best, bestCount] = [{ pid: m.pid, tid: m.tid }, count]
  }
  return best
}

/** Disjoint [start, end) spans covering the given ones, sorted. */
function mergeSpans(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const span of spans) {
    const last = out[out.length - 1]
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
    else out.push([...span])
  }
  return out
}

function inside(spans: readonly [number, number][], start: number, end: number): boolean {
  let lo = 0
  let hi = spans.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [s, e] = spans[mid]!
    if (end <= s) hi = mid - 1
    else if (start >= e) lo = mid + 1
    else return start >= s && end <= e
  }
  return false
}

/** Reads the renderer main thread's tasks, forced layouts and time per kind from a trace. */
export function traceFigures(events: readonly TraceEvent[], longTaskMs = 50): TraceFigures | null {
  const main = mainThread(events)
  if (!main) return null
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
  const figures: TraceFigures = {
    tasks: 0,
    longTasks: 0,
    longestTaskMs: 0,
    forcedLayouts: 0,
    forcedLayoutMs: 0,
    forcedBy: new Map(),
    totals: new Map(TOTALS.map((name) => [name, 0])),
  }
  const script = mergeSpans(own.filter((e) => SCRIPT.has(e.name)).map((e) => [e.ts, e.ts + e.dur!]))
  for (const e of own) {
    const ms = e.dur! / 1000
    const cpuMs = (e.tdur ?? e.dur!) / 1000
    if (figures.totals.has(e.name)) figures.totals.set(e.name, figures.totals.get(e.name)! + cpuMs)
    if (TASKS.has(e.name)) {
      figures.tasks++
      if (ms > longTaskMs) figures.longTasks++
      figures.longestTaskMs = Math.max(figures.longestTaskMs, ms)
    }
    if (LAYOUT.has(e.name) && inside(script, e.ts, e.ts + e.dur!)) {
      figures.forcedLayouts++
      figures.forcedLayoutMs += ms
      const top = (e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace)?.[0]
      const where = top
        ? `${top.functionName || '(anonymous)'} ${top.url?.split('/').pop() ?? ''}:${top.lineNumber ?? '?'}`
        : '(no stack)'
      const key = `${e.name} by ${where}`
      figures.forcedBy.set(key, (figures.forcedBy.get(key) ?? 0) + 1)
    }
  }
  return figures
}

/** The figures as a few lines of text. */
export function summariseTrace(events: readonly TraceEvent[]): string {
  const f = traceFigures(events)
  if (!f) return 'trace: no renderer main thread found'
  const totals = [...f.totals].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')
  const by = [...f.forcedBy]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([where, n]) => `  ${n}× ${where}`)
  return [
    `trace: ${f.tasks} tasks, ${f.longTasks} over 50 ms, longest ${f.longestTaskMs.toFixed(0)} ms`,
    `forced style/layout: ${f.forcedLayouts} (${f.forcedLayoutMs.toFixed(0)} ms)`,
    ...by,
    `CPU: ${totals}`,
  ].join('\n')
}

/** A V8 CPU profile (DevTools Profiler.stop), the fields read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples: number[]
  timeDeltas: number[]
}

/** The functions with the most self time in a CPU profile, as text. */
export function summariseProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)
    const us = profile.timeDeltas[i + 1] ?? 0
    total += us
    if (!frame) return
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + us)
  })
  const lines = [...self]
    .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => `  ${(us / 1000).toFixed(0).padStart(5)} ms  ${key}`)
  return [`profile: ${(total / 1000).toFixed(0)} ms sampled; self time:`, ...lines].join('\n')
}
