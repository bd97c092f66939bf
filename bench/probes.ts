/** What the page records of one run, in the page's performance.now() milliseconds. */
export interface RunRecord {
  /** The Ctrl+Enter keydown's timestamp. */
  startAt: number | null
  firstCellAt: number | null
  /** A frame after the first grid cell entered the DOM. */
  firstPaintAt: number | null
  /** When the status line left "running". */
  endAt: number | null
  status: string | null
  /** The status line's data-count at the end. */
  count: string | null
  /** rAF timestamps from Run to the end. */
  frames: number[]
  /** Durations of the long tasks (> 50 ms) from Run to the end. */
  longTasks: number[]
}

/** A click (event time) and the frame that painted what it brought, in the page's clock. */
export interface ClickRecord {
  clickAt: number | null
  paintedAt: number | null
}

/** The test ids the probes look for (passed in: the probe runs in the page and imports nothing). */
export interface ProbeTestIds {
  gridCell: string
  treeNode: string
  cancelButton: string
  status: string
  statusRows: string
}

/**
 * Probes that run inside the page, installed by `page.addInitScript(installProbes)`: every time is
 * taken by the page's own clock (event timestamps, rAF, MutationObserver), never by a round trip
 * to the bench process. This function is serialised into the page, so it uses nothing from outside.
 */
export function installProbes(ids: ProbeTestIds): void {
  const by = (id: string): string => `[data-testid="${id}"]`
  const CELL = by(ids.gridCell)
  const TABLE_NODE = `${by(ids.treeNode)}[data-kind="table"]`
  const activePanel = (): Element | null => document.querySelector('section.tab-panel:not([hidden])')
  // The frame that paints a change: the next rAF, then a task after it (the paint happens between).
  const afterPaint = (done: (at: number) => void): void => {
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0))
  }
  const matches = (node: Node, selector: string): boolean =>
    node instanceof Element && (node.matches(selector) || node.querySelector(selector) !== null)

  let run: RunRecord | null = null
  let observer: MutationObserver | null = null
  let longTaskObserver: PerformanceObserver | null = null
  let tree: ClickRecord | null = null
  let open: ClickRecord | null = null
  let cancelClickEpoch: number | null = null

  window.addEventListener(
    'keydown',
    (event) => {
      if (run && run.startAt === null && event.key === 'Enter' && (event.ctrlKey || event.metaKey))
        run.startAt = event.timeStamp
    },
    true,
  )
  window.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null
      if (target?.closest(by(ids.cancelButton))) cancelClickEpoch = performance.timeOrigin + event.timeStamp
      if (tree && tree.clickAt === null && target?.closest(by(ids.treeNode))) tree.clickAt = event.timeStamp
      if (open && open.clickAt === null && target?.closest(TABLE_NODE)) open.clickAt = event.timeStamp
    },
    true,
  )

  const stop = (): void => {
    observer?.disconnect()
    longTaskObserver?.disconnect()
    observer = null
    longTaskObserver = null
  }

  const bench = {
    /** Starts watching for the next Ctrl+Enter run: first cell, end status, frames, long tasks. */
    armRun(): void {
      stop()
      const record: RunRecord = {
        startAt: null,
        firstCellAt: null,
        firstPaintAt: null,
        endAt: null,
        status: null,
        count: null,
        frames: [],
        longTasks: [],
      }
      run = record
      cancelClickEpoch = null
      let sawRunning = false
      observer = new MutationObserver((mutations) => {
        if (record.startAt === null) return
        for (const mutation of mutations) {
          if (record.firstCellAt === null && mutation.type === 'childList') {
            const added = [...mutation.addedNodes].some((node) => matches(node, CELL))
            if (added && activePanel()?.querySelector(CELL)) {
              record.firstCellAt = performance.now()
              afterPaint((at) => (record.firstPaintAt = at))
            }
          }
        }
        const status = activePanel()?.querySelector(by(ids.status))
        const state = status?.getAttribute('data-status')
        // The status line still shows the previous run's end until this run has started.
        if (state === 'running') sawRunning = true
        if (sawRunning && record.endAt === null && (state === 'done' || state === 'cancelled' || state === 'error')) {
          record.endAt = performance.now()
          record.status = state
          record.count = activePanel()?.querySelector(by(ids.statusRows))?.getAttribute('data-count') ?? null
        }
      })
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status'],
      })
      longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (record.startAt !== null && entry.startTime >= record.startAt) record.longTasks.push(entry.duration)
      })
      longTaskObserver.observe({ type: 'longtask' })
      const frame = (at: number): void => {
        if (run !== record || record.endAt !== null) return
        if (record.startAt !== null) record.frames.push(at)
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    },
    readRun(): RunRecord | null {
      return run
    },
    /** Starts watching for the next click on a tree node and the first table names it paints. */
    armTree(): void {
      stop()
      const record: ClickRecord = { clickAt: null, paintedAt: null }
      tree = record
      observer = new MutationObserver((mutations) => {
        if (record.clickAt === null || record.paintedAt !== null) return
        if (mutations.some((m) => [...m.addedNodes].some((node) => matches(node, TABLE_NODE)))) {
          record.paintedAt = -1
          afterPaint((at) => (record.paintedAt = at))
        }
      })
      observer.observe(document.body, { subtree: true, childList: true })
    },
    readTree(): ClickRecord | null {
      return tree && tree.paintedAt === -1 ? { ...tree, paintedAt: null } : tree
    },
    /** Starts watching for the next click on a table in the tree and the first grid cell it paints. */
    armOpen(): void {
      stop()
      const record: ClickRecord = { clickAt: null, paintedAt: null }
      open = record
      observer = new MutationObserver((mutations) => {
        if (record.clickAt === null || record.paintedAt !== null) return
        const added = mutations.some((m) => [...m.addedNodes].some((node) => matches(node, CELL)))
        if (added && activePanel()?.querySelector(CELL)) {
          record.paintedAt = -1
          afterPaint((at) => (record.paintedAt = at))
        }
      })
      observer.observe(document.body, { subtree: true, childList: true })
    },
    readOpen(): ClickRecord | null {
      return open && open.paintedAt === -1 ? { ...open, paintedAt: null } : open
    },
    /** When the last click on a Cancel button happened, in ms since the epoch (the page's clock). */
    cancelClickEpoch(): number | null {
      return cancelClickEpoch
    },
    timeOrigin(): number {
      return performance.timeOrigin
    },
  }
  Object.assign(window, { __quarryBench: bench })
}

/** What `installProbes` puts on window. */
export interface BenchProbes {
  armRun(): void
  readRun(): RunRecord | null
  armTree(): void
  readTree(): ClickRecord | null
  armOpen(): void
  readOpen(): ClickRecord | null
  cancelClickEpoch(): number | null
  timeOrigin(): number
}
