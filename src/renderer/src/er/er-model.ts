import type { GraphForeignKey, GraphTable, SchemaGraph } from '../../../shared/contract'
import { inferredKeys } from '../../../shared/er/inferred-keys'

/** A relationship drawn from a child table's columns to a parent table's columns. */
export interface ErEdge {
  id: string
  name: string
  /** The referencing (child, "many") table and columns. */
  from: string
  fromColumns: string[]
  /** The referenced (parent, "one") table and columns. */
  to: string
  toColumns: string[]
  /** A `*_id` column matching a key by name and type, with no declared foreign key. */
  inferred: boolean
  /** A nullable referencing column: the child may have no parent (zero or one). */
  optional: boolean
  /** The referencing columns are the child's whole key: at most one child per parent. */
  oneToOne: boolean
}

/** The diagram's tables (by name) and relationships; tables another schema holds are left out. */
export interface ErModel {
  schema: string
  tables: Map<string, GraphTable>
  edges: ErEdge[]
  /** The tables whose every relationship is known (a graph read around some tables); null: the whole schema. */
  complete: ReadonlySet<string> | null
  /** The graph it was built from (merged with the next one read around other tables). */
  graph: SchemaGraph
}

/**
 * The model of a schema graph: declared keys within the schema, then the inferred ones. Of a graph
 * read around some tables, an inferred relationship is kept only where one end's relationships are
 * all known (elsewhere a declared key or a better-named table may not have been read).
 */
export function buildErModel(graph: SchemaGraph): ErModel {
  const tables = new Map(graph.tables.map((table) => [table.name, table]))
  const complete = graph.complete ? new Set(graph.complete) : null
  const declared = graph.foreignKeys
    .filter((key) => key.refSchema === graph.schema && tables.has(key.refTable) && tables.has(key.table))
    .map((key, index) => edgeOf(tables, key.table, key.columns, key.refTable, key.refColumns, key.name, false, index))
  const inferred = inferredKeys(graph)
    .filter((key) => !complete || complete.has(key.table) || complete.has(key.refTable))
    .map((key, index) =>
      edgeOf(tables, key.table, [key.column], key.refTable, [key.refColumn], `${key.table}.${key.column}`, true, index),
    )
  return { schema: graph.schema, tables, edges: [...declared, ...inferred], complete, graph }
}

/** Two graphs of one schema read around different tables, as one (the later one's tables win). */
export function mergeGraphs(a: SchemaGraph, b: SchemaGraph): SchemaGraph {
  if (!a.complete || !b.complete) return a.complete ? b : a
  const tables = new Map([...a.tables, ...b.tables].map((t) => [t.name, t]))
  const keyId = (k: GraphForeignKey) => `${k.table}\u0000${k.name}`
  const foreignKeys = new Map([...a.foreignKeys, ...b.foreignKeys].map((k) => [keyId(k), k]))
  const complete = [...new Set([...a.complete, ...b.complete])]
  return { schema: a.schema, tables: [...tables.values()], foreignKeys: [...foreignKeys.values()], complete }
}

function edgeOf(
  tables: Map<string, GraphTable>,
  from: string,
  fromColumns: string[],
  to: string,
  toColumns: string[],
  name: string,
  inferred: boolean,
  index: number,
): ErEdge {
  const child = tables.get(from)?.columns ?? []
  const optional = fromColumns.some((name) => child.find((c) => c.name === name)?.nullable ?? true)
  const key = child.filter((c) => c.pk > 0).map((c) => c.name)
  const oneToOne = key.length > 0 && key.length === fromColumns.length && key.every((k) => fromColumns.includes(k))
  const id = `${inferred ? 'i' : 'f'}${index}:${from}->${to}`
  return { id, name, from, fromColumns, to, toColumns, inferred, optional, oneToOne }
}

/** The tables within `hops` relationships of `focus` (edges followed both ways). */
export function neighbourhood(model: ErModel, focus: string, hops: number, withInferred: boolean): Set<string> {
  const shown = new Set([focus])
  let frontier = [focus]
  for (let hop = 0; hop < hops; hop++) {
    frontier = frontier.flatMap((name) => [...neighboursOf(model, name, withInferred)].filter((n) => !shown.has(n)))
    for (const name of frontier) shown.add(name)
  }
  return shown
}

/** Each table's relationships with the table at their other end, built once per model (2,000 tables: one pass). */
const adjacency = new WeakMap<ErModel, Map<string, { edge: ErEdge; other: string }[]>>()

function edgesOf(model: ErModel, name: string): readonly { edge: ErEdge; other: string }[] {
  let index = adjacency.get(model)
  if (!index) {
    index = new Map()
    for (const edge of model.edges) {
      for (const [at, other] of [
        [edge.from, edge.to],
        [edge.to, edge.from],
      ] as const) {
        const list = index.get(at) ?? []
        list.push({ edge, other })
        index.set(at, list)
      }
    }
    adjacency.set(model, index)
  }
  return index.get(name) ?? []
}

/** The tables one relationship away from `name`. */
export function neighboursOf(model: ErModel, name: string, withInferred: boolean): Set<string> {
  const found = new Set<string>()
  for (const { edge, other } of edgesOf(model, name)) {
    if (edge.inferred && !withInferred) continue
    found.add(other)
  }
  found.delete(name)
  return found
}
