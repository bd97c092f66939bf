import { COUNT_ROWS_TIMEOUT_MS, QuarryFailure } from '../../shared/contract'
import type { CatalogObject, CatalogObjectKind, MethodInput, WireValue } from '../../shared/contract'
import { qualifiedName } from '../../shared/dialect/quote-identifier'
import type { ConnectionService } from './connection-service'
import { rerunGuard } from './safe-mode'

const OBJECT_KINDS = new Set<string>(['function', 'procedure', 'sequence', 'trigger'] satisfies CatalogObjectKind[])

/** A schema's routines, sequences and triggers, read with the driver's catalog statement ([] without one). */
export async function schemaObjects(
  connections: ConnectionService,
  input: MethodInput<'meta.objects'>,
): Promise<CatalogObject[]> {
  const query = connections.driverFor(input.connectionId).objectsQuery?.(input.schema)
  if (!query) return []
  const connection = await connections.get(input.connectionId)
  const result = await connection.execute(query.sql, { database: input.database, params: query.params })
  return result.rows.flatMap(([kind, name, detail]): CatalogObject[] =>
    typeof kind === 'string' && OBJECT_KINDS.has(kind) && typeof name === 'string'
      ? [
          {
            kind: kind as CatalogObjectKind,
            schema: input.schema,
            name,
            detail: typeof detail === 'string' ? detail : null,
          },
        ]
      : [],
  )
}

/**
 * A table's exact row count (SELECT COUNT(*), read-only as safe mode reruns are), as decimal text.
 * Bounded: after COUNT_ROWS_TIMEOUT_MS the statement is cancelled and it fails as a timeout.
 */
export async function countRows(connections: ConnectionService, input: MethodInput<'meta.countRows'>): Promise<string> {
  const driver = connections.driverFor(input.connectionId)
  if (!driver.dialect) {
    throw new QuarryFailure({ kind: 'invalid-input', message: `${driver.name} has no COUNT(*) Quarry can run` })
  }
  const sql = `SELECT COUNT(*) FROM ${qualifiedName(driver.engine, input.schema, input.table)}`
  const readOnlyGuard = rerunGuard(driver, connections.summary(input.connectionId), sql)
  const connection = await connections.get(input.connectionId)
  const signal = AbortSignal.timeout(COUNT_ROWS_TIMEOUT_MS)
  const result = await connection
    .execute(sql, { database: input.database, signal, ...(readOnlyGuard ? { readOnlyGuard } : {}) })
    .catch((error: unknown) => {
      if (!signal.aborted) throw error
      const seconds = COUNT_ROWS_TIMEOUT_MS / 1000
      throw new QuarryFailure({
        kind: 'timeout',
        engine: driver.engine,
        message: `Counting the rows of ${input.table} took over ${seconds} s, so it was stopped`,
      })
    })
  return countText(result.rows[0]?.[0] ?? null)
}

/** The count cell as exact decimal text (engines answer a number, a string, or a tagged int64). */
function countText(value: WireValue): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  if (value !== null && typeof value === 'object' && value.$ === 'int') return value.v
  throw new QuarryFailure({ kind: 'internal', message: `COUNT(*) answered ${JSON.stringify(value)}` })
}
