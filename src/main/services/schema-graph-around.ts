import type { SchemaGraphAroundQueries, SchemaGraphQueries } from '../drivers/driver'
import type { SchemaGraph, WireValue } from '../../shared/contract'
import { inferredKeys, referredTables, referringColumns } from '../../shared/er/inferred-keys'
import { aroundReads, type AroundReads, type Rows, type RunCatalog } from './schema-graph-reads'
import { buildSchemaGraph, text } from './schema-graph-rows'

export type { RunCatalog } from './schema-graph-reads'

/** What one ring reads: columns rows (each table's whole) and foreign key rows. */
interface Ring {
  columns: Rows
  keys: Rows
}

/**
 * The graph around some tables (an ER diagram of a table and its neighbours) from filtered catalog
 * statements, never the whole schema's: the tables' relationships (declared keys and inferred ones,
 * either way) with the tables at their other ends, then the same for those neighbours, so that every
 * relationship between the tables shown is known and each neighbour knows how many tables it would
 * add. `complete` lists the tables whose relationships are all there (the given ones and their
 * neighbours); the others are there as far as they relate to those.
 */
export async function graphAround(
  run: RunCatalog,
  queries: SchemaGraphAroundQueries,
  schema: string,
  around: readonly string[],
): Promise<SchemaGraph> {
  const columns = new Map<string, readonly WireValue[]>()
  const keys = new Map<string, readonly WireValue[]>()
  /** Each table's column rows, as read (whole per table). */
  const byTable = new Map<string, (readonly WireValue[])[]>()
  const add = (ring: Ring) => {
    for (const row of ring.columns) {
      const key = `${text(row[0])}\u0000${text(row[2])}`
      if (columns.has(key)) continue
      columns.set(key, row)
      const rows = byTable.get(text(row[0]))
      if (rows) rows.push(row)
      else byTable.set(text(row[0]), [row])
    }
    for (const row of ring.keys) keys.set(`${text(row[1])}\u0000${text(row[0])}\u0000${text(row[2])}`, row)
  }
  const build = () => buildSchemaGraph(schema, [...columns.values()], [...keys.values()])
  const focus = new Set(around)
  const reads = aroundReads(run, queries, schema)
  add(await readRing(reads, schema, focus, byTable))
  const first = build()
  const neighbours = relatedTo(first, focus)
  // The neighbours' columns were read with the first ring (they are in its graph): not read again.
  if (neighbours.size > 0) add(await readRing(reads, schema, neighbours, byTable))
  const graph = neighbours.size > 0 ? build() : first
  const present = new Set(graph.tables.map((t) => t.name))
  return { ...graph, complete: [...focus, ...neighbours].filter((name) => present.has(name)) }
}

/**
 * The graph around some tables: with the driver's filtered statements where it has them, else from
 * the whole schema's graph, cut down in memory to what the filtered statements would have read (an
 * engine whose catalog functions scan everything, such as DuckDB's, reads its catalog once that way).
 * `whole` reads the schema's whole graph (readWholeGraph, or a graph kept from it).
 */
export async function readGraphAround(
  run: RunCatalog,
  whole: () => Promise<SchemaGraph>,
  filtered: SchemaGraphAroundQueries | undefined,
  schema: string,
  around: readonly string[],
): Promise<SchemaGraph> {
  if (filtered) return graphAround(run, filtered, schema, around)
  return cutAround(await whole(), around)
}

/** A whole schema's graph: its two catalog statements, sent together (DuckDB runs them side by side). */
export async function readWholeGraph(run: RunCatalog, whole: SchemaGraphQueries, schema: string): Promise<SchemaGraph> {
  const [columns, keys] = await Promise.all([run(whole.columns), run(whole.foreignKeys)])
  return buildSchemaGraph(schema, columns, keys)
}

/**
 * The part of a whole schema's graph that `graphAround` reads: the tables, their neighbours (both
 * complete), the neighbours' neighbours, every table a `*_id` column of one of those may name (so an
 * inference picks the same table as in the whole graph), and the keys of all of them.
 */
export function cutAround(graph: SchemaGraph, around: readonly string[]): SchemaGraph {
  const present = new Set(graph.tables.map((t) => t.name))
  const focus = new Set(around.filter((name) => present.has(name)))
  const complete = new Set([...focus, ...relatedTo(graph, focus)])
  const kept = new Set([...complete, ...relatedTo(graph, complete)])
  const byName = new Map(graph.tables.map((t) => [t.name.toLowerCase(), t.name]))
  for (const table of graph.tables.filter((t) => kept.has(t.name))) {
    for (const column of table.columns) {
      for (const name of referredTables(column.name) ?? []) {
        const found = byName.get(name)
        if (found) kept.add(found)
      }
    }
  }
  return {
    schema: graph.schema,
    tables: graph.tables.filter((t) => kept.has(t.name)),
    foreignKeys: graph.foreignKeys.filter((k) => kept.has(k.table)),
    complete: [...complete],
  }
}

/**
 * The tables one relationship away from any of `names`, by the graph's declared keys within the
 * schema and its inferred relationships (exact for those names when their ring was read).
 */
export function relatedTo(graph: SchemaGraph, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>()
  for (const [child, parent] of relationPairs(graph)) {
    if (names.has(child)) found.add(parent)
    if (names.has(parent)) found.add(child)
  }
  const present = new Set(graph.tables.map((t) => t.name))
  return new Set([...found].filter((name) => !names.has(name) && present.has(name)))
}

/** Each graph's (child, parent) pairs, worked out once: a kept whole schema's graph is cut again and again. */
const pairsOf = new WeakMap<SchemaGraph, readonly (readonly [string, string])[]>()

function relationPairs(graph: SchemaGraph): readonly (readonly [string, string])[] {
  let pairs = pairsOf.get(graph)
  if (!pairs) {
    pairs = [
      ...graph.foreignKeys.filter((k) => k.refSchema === graph.schema).map((k) => [k.table, k.refTable] as const),
      ...inferredKeys(graph).map((k) => [k.table, k.refTable] as const),
    ]
    pairsOf.set(graph, pairs)
  }
  return pairs
}

/**
 * One ring around `tables`: their columns and declared keys (either way); the tables holding a
 * column that may refer to one of them by name (`orders.customer_id` for `customers`), with those
 * tables' own keys, so a declared key is not taken for an inferred one; and every table such a
 * column, or one of theirs, may name (the first of them that exists is the one inferred). Columns
 * come whole, per table (`loaded`: tables read before, not read again). Two round trips: the
 * statements of each step are sent together (the holders' keys only add rows to the graph, never
 * tables to read, so they wait for the second step, beside the columns of the tables found).
 */
async function readRing(
  reads: AroundReads,
  schema: string,
  tables: ReadonlySet<string>,
  loaded: ReadonlyMap<string, Rows>,
): Promise<Ring> {
  // Names as given (the statements compare them lower-cased on both sides, in the engine's own way).
  const list = (names: Iterable<string>) => [...new Set(names)].sort()
  const unread = list([...tables].filter((name) => !loaded.has(name)))
  const known = [...tables].flatMap((name) => loaded.get(name) ?? [])
  const [read, referring, keys] = await Promise.all([
    unread.length > 0 ? reads.columnsOf(unread) : [],
    reads.columnsNamed(list([...tables].flatMap(referringColumns))),
    reads.foreignKeysOf(list(tables)),
  ])
  const own = [...known, ...read]
  const holders = list(referring.map((row) => text(row[0])).filter((name) => !tables.has(name)))
  const others = new Set<string>(holders)
  for (const [, table, , refSchema, refTable] of keys) {
    if (text(refSchema) !== '' && text(refSchema) !== schema) continue
    if (tables.has(text(table))) others.add(text(refTable))
    if (tables.has(text(refTable))) others.add(text(table))
  }
  const columnNames = [...own.map((row) => row[2]), ...referring.map((row) => row[1])]
  for (const column of columnNames) for (const name of referredTables(text(column)) ?? []) others.add(name)
  const rest = list([...others].filter((name) => name !== '' && !tables.has(name) && !loaded.has(name)))
  const [more, held] = await Promise.all([
    rest.length > 0 ? reads.columnsOf(rest) : [],
    holders.length > 0 ? reads.foreignKeysOf(holders) : [],
  ])
  return { columns: [...read, ...more], keys: [...keys, ...held] }
}
