import { COUNT_ROWS_TIMEOUT_MS, QuarryFailure, engineDescriptor } from '../../shared/contract'
import type { CatalogObject, CatalogObjectKind, MethodInput, WireValue } from '../../shared/contract'
import { qualifiedName } from '../../shared/dialect/quote-identifier'
import type { ConnectionService } from './connection-service'
import { rerunGuard } from './safe-mode'

/**
 * A schema's routines, sequences and triggers, read with the driver's catalog statement: only the
 * kinds its engine's descriptor says it has ([] for an engine with none, without asking it).
 */
export async function schemaObjects(
  connections: ConnectionService,
  input: MethodInput<'meta.objects'>,
): Promise<CatalogObject[]> {
  const driver = connections.driverFor(input.connectionId)
  const kinds = new Set<string>(engineDescriptor(driver.engine).tree.objectKinds)
  const query = kinds.size > 0 ? driver.objectsQuery?.(input.schema) : undefined
  if (!query) return []
  const connection = await connections.get(input.connectionId)
  const result = await connection.execute(query.sql, { database: input.database, params: query.params })
  return catalogObjects(result.rows, input.schema, kinds)
}

/** The catalog statement's rows (kind, name, detail) as objects; rows of other kinds are left out. */
export function catalogObjects(rows: WireValue[][], schema: string, kinds: ReadonlySet<string>): CatalogObject[] {
  return rows.flatMap(([kind, name, detail]): CatalogObject[] =>
    typeof kind === 'string' && kinds.has(kind) && typeof name === 'string'
      ? [
          {
            kind: kind as CatalogObjectKind,
            schema,
            name,
            detail: typeof detail === 'string' ? detail : null,
          },
        ]
      : [],
  )
}

/** The counts running for each client, by their countId, so that client (and only it) can stop one. */
export class RunningCounts {
  private readonly byClient = new WeakMap<object, Map<string, AbortController>>()

  /** A controller for a count; released by the returned function when the count ends. */
  start(client: object, countId: string | undefined): { signal: AbortSignal | undefined; end: () => void } {
    if (countId === undefined) return { signal: undefined, end: () => {} }
    const counts = this.byClient.get(client) ?? new Map<string, AbortController>()
    this.byClient.set(client, counts)
    const controller = new AbortController()
    counts.set(countId, controller)
    return { signal: controller.signal, end: () => counts.get(countId) === controller && counts.delete(countId) }
  }

  cancel(client: object, countId: string): boolean {
    const controller = this.byClient.get(client)?.get(countId)
    controller?.abort()
    return controller !== undefined
  }
}

/**
 * A table's exact row count (SELECT COUNT(*), read-only as safe mode reruns are), as decimal text;
 * with `atMost`, counted over at most that many rows plus one (a LIMIT inside), so a big table
 * answers "at least" instead of being scanned to its end.
 * Bounded: after COUNT_ROWS_TIMEOUT_MS the statement is cancelled and it fails as a timeout; the
 * `cancel` signal (meta.cancelCount) stops it in the engine too.
 */
export async function countRows(
  connections: ConnectionService,
  input: MethodInput<'meta.countRows'>,
  cancel?: AbortSignal,
): Promise<{ count: string; atLeast?: true }> {
  const driver = connections.driverFor(input.connectionId)
  if (!driver.dialect) {
    throw new QuarryFailure({ kind: 'invalid-input', message: `${driver.name} has no COUNT(*) Quarry can run` })
  }
  // With conditions: the Data view's own statement for them (values bound), counted.
  const query = { schema: input.schema, table: input.table, where: '', conditions: input.conditions ?? [], sort: [] }
  const bound = input.atMost === undefined ? undefined : { order: [], limit: input.atMost + 1, offset: 0 }
  const filtered = input.conditions?.length || bound ? driver.tableQuery(query, bound) : null
  const sql = filtered
    ? `SELECT COUNT(*) FROM (${filtered.sql}) counted`
    : `SELECT COUNT(*) FROM ${qualifiedName(driver.engine, input.schema, input.table)}`
  const readOnlyGuard = rerunGuard(driver, connections.summary(input.connectionId), sql)
  const connection = await connections.get(input.connectionId)
  const timeout = AbortSignal.timeout(COUNT_ROWS_TIMEOUT_MS)
  const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout
  const result = await connection
    .execute(sql, {
      database: input.database,
      signal,
      ...(filtered ? { params: filtered.params } : {}),
      ...(readOnlyGuard ? { readOnlyGuard } : {}),
    })
    .catch((error: unknown) => {
      if (cancel?.aborted) {
        throw new QuarryFailure({ kind: 'cancelled', engine: driver.engine, message: 'Count cancelled' })
      }
      if (!timeout.aborted) throw error
      const seconds = COUNT_ROWS_TIMEOUT_MS / 1000
      throw new QuarryFailure({
        kind: 'timeout',
        engine: driver.engine,
        message: `Counting the rows of ${input.table} took over ${seconds} s, so it was stopped`,
      })
    })
  const count = countText(result.rows[0]?.[0] ?? null)
  if (input.atMost !== undefined && BigInt(count) > BigInt(input.atMost))
    return { count: String(input.atMost), atLeast: true }
  return { count }
}

/** The count cell as exact decimal text (engines answer a number, a string, or a tagged int64). */
function countText(value: WireValue): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  if (value !== null && typeof value === 'object' && value.$ === 'int') return value.v
  throw new QuarryFailure({ kind: 'internal', message: `COUNT(*) answered ${JSON.stringify(value)}` })
}
