import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useApp } from '../app-context'
import type { DiagramTab } from '../workspace/workspace-store'
import { boxSize, gridPlaces, type Box } from './er-geometry'
import { layOut } from './er-layout'
import { buildErModel, neighbourhood, neighboursOf, type ErModel } from './er-model'
import { forgetPositions, loadPositions, savePositions } from './er-positions'

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

  useEffect(() => {
    let live = true
    void client.call('meta.schemaGraph', { connectionId, database, schema }).then((result) => {
      if (!live) return
      if (!result.ok) return setLoad({ status: 'error', message: result.error.message })
      const model = buildErModel(result.value)
      setShown(focus && model.tables.has(focus) ? neighbourhood(model, focus, 1, true) : new Set(model.tables.keys()))
      setLoad({ status: 'ready', model })
    })
    return () => {
      live = false
    }
  }, [client, connectionId, database, schema, focus])

  const model = load.status === 'ready' ? load.model : null

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
      const saved = fresh ? {} : loadPositions(connectionId, database, schema)
      const withSaved = (base: Map<string, Box>) =>
        new Map(
          [...base].map(([name, box]) => [name, saved[name] ? { ...box, x: saved[name][0], y: saved[name][1] } : box]),
        )
      if ([...sizes.keys()].every((name) => saved[name])) {
        setBoxes(withSaved(gridPlaces(sizes)))
        return
      }
      setBoxes((current) => withSaved(new Map([...gridPlaces(sizes)].map(([n, b]) => [n, current.get(n) ?? b]))))
      const run = ++generation.current
      setLaying(true)
      setLayoutError(null)
      const edges = model.edges.filter((e) => names.has(e.from) && names.has(e.to) && e.from !== e.to)
      layOut({
        nodes: [...sizes].map(([id, size]) => ({ id, ...size })),
        edges: edges.map((e) => ({ id: e.id, source: e.from, target: e.to })),
      })
        .then((positions) => {
          if (run !== generation.current) return
          const laid = new Map(
            [...sizes].map(([n, s]) => [n, { ...s, x: positions[n]?.[0] ?? 0, y: positions[n]?.[1] ?? 0 }]),
          )
          setBoxes(withSaved(laid))
        })
        .catch((error: unknown) => run === generation.current && setLayoutError(String(error)))
        .finally(() => run === generation.current && setLaying(false))
    },
    [model, connectionId, database, schema],
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

  const savePlaces = useCallback(() => {
    setBoxes((current) => {
      savePositions(connectionId, database, schema, Object.fromEntries([...current].map(([n, b]) => [n, [b.x, b.y]])))
      return current
    })
  }, [connectionId, database, schema])

  const expand = useCallback(
    (name: string) => {
      if (!model) return
      setShown((current) => new Set([...current, ...neighboursOf(model, name, withInferred)]))
    },
    [model, withInferred],
  )

  const relayout = useCallback(() => {
    forgetPositions(connectionId, database, schema)
    place(shown, true)
  }, [connectionId, database, schema, place, shown])

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
