import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useApp } from '../app-context'
import type { DiagramTab } from '../workspace/workspace-store'
import { boxSize, gridPlaces, type Box } from './er-geometry'
import { layOut } from './er-layout'
import { buildErModel, mergeGraphs, neighbourhood, neighboursOf, type ErModel } from './er-model'
import { graphHash } from './er-graph-hash'
import { EMPTY_LAYOUT, loadLayout, saveLayout } from './er-positions'
import type { ErLayout } from '../../../shared/contract'

export type LoadState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; model: ErModel }

/** An ER diagram's data and places: the schema graph, the tables shown, their boxes, the layout. */
export function useErDiagram(tab: DiagramTab) {
  const { client } = useApp()
  const { connectionId, database, schema, focus } = tab
  const [load, setLoad] = useState<LoadState>({ status: 'loading' })
  const [shown, setShown] = useState<Set<string>>(new Set())
  const [withInferred, setWithInferred] = useState(true)
  const [boxes, setBoxes] = useState<Map<string, Box>>(new Map())
  const [laying, setLaying] = useState(false)
  const [layoutError, setLayoutError] = useState<string | null>(null)
  const generation = useRef(0)
  /** The layout kept in main (places the user left, the last automatic layout of the whole schema). */
  const layout = useRef<ErLayout>(EMPTY_LAYOUT)
  const ref = useMemo(() => ({ connectionId, database, schema }), [connectionId, database, schema])

  useEffect(() => {
    let live = true
    // A table's diagram reads only the graph around it; a schema's, the whole schema.
    const graph = client.call('meta.schemaGraph', focus ? { ...ref, around: [focus] } : ref)
    void Promise.all([graph, loadLayout(client, ref)]).then(([result, saved]) => {
      if (!live) return
      if (!result.ok) return setLoad({ status: 'error', message: result.error.message })
      layout.current = saved
      const model = buildErModel(result.value)
      setShown(focus && model.tables.has(focus) ? neighbourhood(model, focus, 1, true) : new Set(model.tables.keys()))
      setLoad({ status: 'ready', model })
    })
    return () => {
      live = false
    }
  }, [client, ref, focus])

  const model = load.status === 'ready' ? load.model : null
  /** The model, kept for the reads around tables that complete it (a read may end after a re-render). */
  const current = useRef<ErModel | null>(null)
  current.current = model

  /** Places the shown tables: saved places where all are known, else grid first, then the worker's layout. */
  const place = useCallback(
    (names: Set<string>, fresh: boolean) => {
      if (!model) return
      const sizes = new Map(
        [...names].flatMap((name) => {
          const table = model.tables.get(name)
          return table ? [[name, boxSize(table)] as const] : []
        }),
      )
      const saved = fresh ? {} : layout.current.positions
      const withSaved = (base: Map<string, Box>) =>
        new Map(
          [...base].map(([name, box]) => {
            const at = saved[name]
            return [name, at ? { ...box, x: at[0], y: at[1] } : box]
          }),
        )
      const placedAt = (positions: Record<string, [number, number]>) =>
        new Map([...sizes].map(([n, s]) => [n, { ...s, x: positions[n]?.[0] ?? 0, y: positions[n]?.[1] ?? 0 }]))
      if ([...sizes.keys()].every((name) => saved[name])) {
        setBoxes(withSaved(gridPlaces(sizes)))
        return
      }
      const edges = model.edges
        .filter((e) => names.has(e.from) && names.has(e.to) && e.from !== e.to)
        .map((e) => ({ id: e.id, source: e.from, target: e.to }))
      // The whole schema: the automatic layout main kept for this very graph is used as is.
      const whole = !model.complete && names.size === model.tables.size
      const hash = whole ? graphHash(sizes, edges) : null
      const kept = layout.current.laid
      if (!fresh && hash && kept?.hash === hash) {
        setBoxes(withSaved(placedAt(kept.positions)))
        return
      }
      setBoxes((current) => withSaved(new Map([...gridPlaces(sizes)].map(([n, b]) => [n, current.get(n) ?? b]))))
      const run = ++generation.current
      setLaying(true)
      setLayoutError(null)
      afterPaint()
        .then(() =>
          run === generation.current
            ? layOut({ nodes: [...sizes].map(([id, size]) => ({ id, ...size })), edges })
            : null,
        )
        .then((positions) => {
          if (!positions || run !== generation.current) return
          setBoxes(withSaved(placedAt(positions)))
          if (hash) {
            layout.current = { ...layout.current, laid: { hash, positions } }
            void saveLayout(client, ref, layout.current)
          }
        })
        .catch((error: unknown) => run === generation.current && setLayoutError(String(error)))
        .finally(() => run === generation.current && setLaying(false))
    },
    [model, client, ref],
  )

  useEffect(() => {
    if (model) place(shown, false)
    // Placed when the set of tables changes, not when boxes move.
  }, [model, shown, place])

  const moveBox = useCallback((name: string, x: number, y: number) => {
    setBoxes((current) => {
      const box = current.get(name)
      if (!box) return current
      const next = new Map(current)
      next.set(name, { ...box, x, y })
      return next
    })
  }, [])

  /** After a drag: every shown box's place is kept in main (the user's arrangement wins over layouts). */
  const savePlaces = useCallback(() => {
    setBoxes((current) => {
      const positions = { ...layout.current.positions }
      for (const [name, box] of current) positions[name] = [box.x, box.y]
      layout.current = { ...layout.current, positions }
      void saveLayout(client, ref, layout.current).then((problem) => problem && setLayoutError(problem))
      return current
    })
  }, [client, ref])

  /**
   * Shows a table's neighbours. Of a graph read around some tables, the table's relationships are
   * known (it was shown), but not yet the neighbours' own: the graph around the table is read and
   * merged, so their relationships and "+N" counts follow.
   */
  const expand = useCallback(
    (name: string) => {
      if (!model) return
      const show = (from: ErModel) =>
        setShown((shown) => new Set([...shown, ...neighboursOf(from, name, withInferred)]))
      if (!model.complete) return show(model)
      // One change of model and tables (one layout), once the read is back; without it, what is known.
      void client.call('meta.schemaGraph', { ...ref, around: [name] }).then((result) => {
        const base = current.current ?? model
        if (!result.ok) return show(base)
        const merged = buildErModel(mergeGraphs(base.graph, result.value))
        setLoad({ status: 'ready', model: merged })
        show(merged)
      })
    },
    [model, withInferred, client, ref],
  )

  const relayout = useCallback(() => {
    layout.current = EMPTY_LAYOUT
    void saveLayout(client, ref, EMPTY_LAYOUT)
    place(shown, true)
  }, [client, ref, place, shown])

  const hidden = useMemo(() => {
    const counts = new Map<string, number>()
    if (!model) return counts
    for (const name of shown) {
      const n = [...neighboursOf(model, name, withInferred)].filter((other) => !shown.has(other)).length
      if (n > 0) counts.set(name, n)
    }
    return counts
  }, [model, shown, withInferred])

  return {
    load,
    model,
    shown,
    boxes,
    laying,
    layoutError,
    withInferred,
    setWithInferred,
    moveBox,
    savePlaces,
    expand,
    relayout,
    hidden,
  }
}

/**
 * Resolves after the next frame is painted: the boxes in their first places are on screen before the
 * layout (and, the first time, the worker's elkjs compile) takes a core.
 */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
