import type { ColumnCondition, TableInfo, TableSchema } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { GridKeyLinks, KeyTarget, RowValues } from '../grid/grid-key-links'
import { keyConditions, linkedColumns, referencingKeys, referencingLabel, type ReferencingKey } from './key-links'
import type { TableTab } from './workspace-store'

/** Opens a table's Data view filtered by conditions (workspace.openTable with a filter). */
export type OpenFiltered = (schema: string, table: string, conditions: ColumnCondition[]) => void

/** Referencing rows counted at most (one more is read): past it the list says "10,000+". */
export const REFERENCING_COUNT_BOUND = 10_000

/** Tables read at once while looking for the keys that reference a table. */
const PARALLEL_READS = 4

/**
 * A table tab's foreign keys for its grid: its own keys (read once with its structure) make key
 * values links; the keys of the other tables of its schema that reference it are read on demand,
 * the first time a row asks "Referenced by", then kept.
 */
export class TableKeyLinks {
  private schema: Promise<TableSchema | null> | null = null
  private referencing: Promise<ReferencingKey[]> | null = null

  constructor(
    private readonly client: Pick<QuarryClient, 'call'>,
    private readonly tab: Pick<TableTab, 'connectionId' | 'database' | 'table'>,
    private readonly open: OpenFiltered,
  ) {}

  /** The table's structure (null if it cannot be read: then no value is a link). */
  structure(): Promise<TableSchema | null> {
    this.schema ??= this.readSchema(this.tab.table.schema, this.tab.table.name)
    return this.schema
  }

  /** The grid's links for a result with these columns, given the table's structure. */
  linksFor(schema: TableSchema, columns: readonly string[]): GridKeyLinks {
    const linked = linkedColumns(columns, schema.foreignKeys)
    const valueOf = (row: RowValues) => (name: string) => {
      const at = columns.indexOf(name)
      return at < 0 ? undefined : row(at)
    }
    return {
      columns: new Set(linked.keys()),
      follow: (col, row) => {
        const key = linked.get(col)
        const conditions = key && keyConditions(key.columns, key.referencedColumns, valueOf(row))
        if (key && conditions) this.open(key.referencedSchema, key.referencedTable, conditions)
      },
      referencedBy: async (row) => {
        const refs = await this.referencingKeys()
        return refs.flatMap((ref): KeyTarget[] => {
          const conditions = keyConditions(ref.key.referencedColumns, ref.key.columns, valueOf(row))
          return conditions
            ? [
                {
                  label: referencingLabel(ref, refs),
                  open: () => this.open(ref.schema, ref.table, conditions),
                  count: (signal) => this.countRows(ref.schema, ref.table, conditions, signal),
                },
              ]
            : []
        })
      },
    }
  }

  /** The keys of the schema's tables that reference this table (read once). */
  referencingKeys(): Promise<ReferencingKey[]> {
    this.referencing ??= this.readReferencing()
    return this.referencing
  }

  private async readReferencing(): Promise<ReferencingKey[]> {
    const { connectionId, database, table } = this.tab
    const listed = await this.client.call('meta.tables', { connectionId, database, schema: table.schema })
    if (!listed.ok) return []
    const tables = listed.value.filter((t: TableInfo) => t.kind === 'table' || t.kind === 'partitioned-table')
    const schemas: TableSchema[] = []
    for (let i = 0; i < tables.length; i += PARALLEL_READS) {
      const read = await Promise.all(tables.slice(i, i + PARALLEL_READS).map((t) => this.readSchema(t.schema, t.name)))
      for (const schema of read) if (schema) schemas.push(schema)
    }
    return referencingKeys(schemas, table.schema, table.name)
  }

  /**
   * The rows of a table matching the conditions (COUNT(*) on the server, bounded in time and to
   * REFERENCING_COUNT_BOUND rows); null if
   * that failed. The signal aborting stops the count in the engine (meta.cancelCount).
   */
  private async countRows(
    schema: string,
    table: string,
    conditions: ColumnCondition[],
    signal: AbortSignal,
  ): Promise<{ count: string; atLeast: boolean } | null> {
    const { connectionId, database } = this.tab
    const countId = `refs-${crypto.randomUUID()}`
    const cancel = () => void this.client.call('meta.cancelCount', { countId })
    signal.addEventListener('abort', cancel, { once: true })
    try {
      const input = { connectionId, database, schema, table, conditions, countId, atMost: REFERENCING_COUNT_BOUND }
      const result = await this.client.call('meta.countRows', input)
      return result.ok ? { count: result.value.count, atLeast: result.value.atLeast === true } : null
    } finally {
      signal.removeEventListener('abort', cancel)
    }
  }

  private async readSchema(schema: string, name: string): Promise<TableSchema | null> {
    const { connectionId, database } = this.tab
    const result = await this.client.call('meta.tableSchema', { connectionId, database, schema, table: name })
    return result.ok ? result.value : null
  }
}
