import { useEffect, useMemo, useRef, useState } from 'react'
import { TID } from '../test-ids'
import type { DiagramTab } from '../workspace/workspace-store'
import { ErBox } from './er-box'
import { ErEdgeLine } from './er-edge'
import { ErOverview } from './er-overview'
import { meets } from './er-geometry'
import { ErToolbar } from './er-toolbar'
import { centreOn, extent, fitTo, visibleArea, zoomAt, type Viewport } from './er-viewport'
import { useErDiagram } from './use-er-diagram'
import './er.css'

/** Below this zoom, boxes show their names only (2,000 tables stay fluid when all are in view). */
const SIMPLE_BELOW = 0.45
/** Below this zoom, names cannot be read: the overview draws boxes and lines as a few paths (er-overview.tsx). */
const OVERVIEW_BELOW = 0.25

type Gesture =
  { kind: 'pan'; x: number; y: number; view: Viewport } | { kind: 'drag'; name: string; dx: number; dy: number }

/** The ER diagram tab: boxes and relationships on a pannable, zoomable SVG, drawn only where visible. */
export function ErView({ tab, active }: { tab: DiagramTab; active: boolean }) {
  const diagram = useErDiagram(tab)
  const { load, model, boxes, shown, withInferred, hidden } = diagram
  const frame = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ width: 800, height: 600 })
  const [view, setView] = useState<Viewport>({ x: 20, y: 20, k: 1 })
  const [highlight, setHighlight] = useState<string | null>(null)
  const gesture = useRef<Gesture | null>(null)
  const fitted = useRef(false)

  useEffect(() => {
    const element = frame.current
    if (!element) return
    const observer = new ResizeObserver(() => setSize({ width: element.clientWidth, height: element.clientHeight }))
    observer.observe(element)
    return () => observer.disconnect()
  }, [load.status])

  // Fits once the first layout (or the saved places) arrived, and again after a re-layout.
  useEffect(() => {
    if (!fitted.current && boxes.size > 0 && !diagram.laying) {
      fitted.current = true
      setView(fitTo(extent(boxes.values()), size.width, size.height))
    }
  }, [boxes, diagram.laying, size])

  const views = useMemo(
    () => new Set([...(model?.tables.values() ?? [])].filter((t) => t.kind === 'view').map((t) => t.name)),
    [model],
  )

  const keyColumns = useMemo(() => {
    const byTable = new Map<string, Set<string>>()
    for (const edge of model?.edges ?? []) {
      if (edge.inferred && !withInferred) continue
      const set = byTable.get(edge.from) ?? new Set<string>()
      for (const column of edge.fromColumns) set.add(column)
      byTable.set(edge.from, set)
    }
    return byTable
  }, [model, withInferred])

  if (load.status === 'loading') return <div className="er-message">Reading the schema…</div>
  if (load.status === 'error' || !model)
    return (
      <div className="er-message er-error" role="alert">
        {load.status === 'error' ? load.message : 'No schema'}
      </div>
    )

  const area = visibleArea(view, size.width, size.height)
  const margin = 200 / view.k
  const near = {
    x: area.x - margin,
    y: area.y - margin,
    width: area.width + margin * 2,
    height: area.height + margin * 2,
  }
  const simple = view.k < SIMPLE_BELOW
  const overview = view.k < OVERVIEW_BELOW
  const visibleBoxes = [...boxes].filter(([, box]) => meets(box, near))
  const edges = model.edges.filter((edge) => {
    if ((edge.inferred && !withInferred) || !shown.has(edge.from) || !shown.has(edge.to)) return false
    const a = boxes.get(edge.from)
    const b = boxes.get(edge.to)
    return a && b && (meets(a, near) || meets(b, near))
  })

  const toDiagram = (clientX: number, clientY: number) => {
    const rect = frame.current!.getBoundingClientRect()
    return { x: (clientX - rect.left - view.x) / view.k, y: (clientY - rect.top - view.y) / view.k }
  }

  const onPointerDown = (event: React.PointerEvent<SVGSVGElement>) => {
    const target = event.target as Element
    const expand = target.getAttribute('data-expand')
    if (expand) return diagram.expand(expand)
    const at = toDiagram(event.clientX, event.clientY)
    // The overview has no element per box: the box under the pointer is found by its place.
    const name =
      target.closest('[data-table]')?.getAttribute('data-table') ??
      (overview
        ? visibleBoxes.findLast(([, b]) => meets(b, { x: at.x, y: at.y, width: 0.01, height: 0.01 }))?.[0]
        : null)
    event.currentTarget.setPointerCapture(event.pointerId)
    const box = name ? boxes.get(name) : undefined
    if (name && box) {
      gesture.current = { kind: 'drag', name, dx: at.x - box.x, dy: at.y - box.y }
      setHighlight(name)
    } else {
      gesture.current = { kind: 'pan', x: event.clientX, y: event.clientY, view }
    }
  }
  const onPointerMove = (event: React.PointerEvent<SVGSVGElement>) => {
    const now = gesture.current
    if (!now) return
    if (now.kind === 'pan') {
      setView({ ...now.view, x: now.view.x + event.clientX - now.x, y: now.view.y + event.clientY - now.y })
    } else {
      const at = toDiagram(event.clientX, event.clientY)
      diagram.moveBox(now.name, Math.round(at.x - now.dx), Math.round(at.y - now.dy))
    }
  }
  const onPointerUp = () => {
    if (gesture.current?.kind === 'drag') diagram.savePlaces()
    gesture.current = null
  }
  const onWheel = (event: React.WheelEvent<SVGSVGElement>) => {
    const rect = frame.current!.getBoundingClientRect()
    // Pinch (ctrl+wheel) and the wheel both zoom; trackpads' small deltas zoom gently.
    const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015))
    setView((current) => zoomAt(current, factor, event.clientX - rect.left, event.clientY - rect.top))
  }

  const find = (text: string): boolean => {
    const wanted = text.trim().toLowerCase()
    if (!wanted) return false
    const names = [...boxes.keys()]
    const name = names.find((n) => n.toLowerCase() === wanted) ?? names.find((n) => n.toLowerCase().includes(wanted))
    const box = name ? boxes.get(name) : undefined
    if (!name || !box) return false
    setHighlight(name)
    setView(centreOn(box, view, size.width, size.height))
    return true
  }

  return (
    <div className="er-view" data-testid={TID.erView} hidden={!active}>
      <ErToolbar
        diagram={diagram}
        tab={tab}
        onFind={find}
        onZoom={(factor) => setView((v) => zoomAt(v, factor, size.width / 2, size.height / 2))}
        onFit={() => setView(fitTo(extent(boxes.values()), size.width, size.height))}
        onRelayout={() => {
          fitted.current = false
          diagram.relayout()
        }}
        zoom={view.k}
      />
      <div className="er-frame" ref={frame}>
        <svg
          className="er-canvas"
          data-testid={TID.erCanvas}
          width={size.width}
          height={size.height}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onWheel={onWheel}
        >
          <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
            {overview ? <ErOverview boxes={visibleBoxes} edges={edges} places={boxes} views={views} /> : null}
            {(overview ? [] : edges).map((edge) => (
              <ErEdgeLine
                key={edge.id}
                edge={edge}
                child={boxes.get(edge.from)!}
                parent={boxes.get(edge.to)!}
                tables={model.tables}
                active={highlight === edge.from || highlight === edge.to}
              />
            ))}
            {(overview ? visibleBoxes.filter(([name]) => name === highlight) : visibleBoxes).map(([name, box]) => (
              <ErBox
                key={name}
                table={model.tables.get(name)!}
                box={box}
                keyColumns={keyColumns.get(name) ?? EMPTY}
                hidden={hidden.get(name) ?? 0}
                highlighted={highlight === name}
                simple={simple}
              />
            ))}
          </g>
        </svg>
      </div>
    </div>
  )
}

const EMPTY: ReadonlySet<string> = new Set()
