/**
 * A schema's tables, columns and foreign keys at once (the ER diagram's input), read with a few
 * catalog statements per engine (`meta.schemaGraph`), never one per table.
 */

/** One column as the diagram shows it. */
export interface GraphColumn {
  name: string
  /** The engine's type text (e.g. `integer`, `varchar(40)`). */
  type: string
  /** Position in the table's primary key (1-based), or 0 when not in it. */
  pk: number
  nullable: boolean
}

export interface GraphTable {
  name: string
  /** `view` etc.: what the tree would call it. */
  kind: 'table' | 'view'
  columns: GraphColumn[]
}

/** A declared foreign key: `columns[i]` of `table` refers to `refColumns[i]` of `refTable`. */
export interface GraphForeignKey {
  name: string
  table: string
  columns: string[]
  /** The referenced table's schema (another schema's table shows as a stub). */
  refSchema: string
  refTable: string
  refColumns: string[]
}

export interface SchemaGraph {
  schema: string
  tables: GraphTable[]
  foreignKeys: GraphForeignKey[]
  /**
   * Read around some tables (`meta.schemaGraph` with `around`): the tables whose every relationship,
   * declared or inferred, either way, is in this graph (with the table at its other end). Absent: the
   * whole schema was read.
   */
  complete?: string[]
}

/** Tables one `meta.schemaGraph` may be asked to read around (a bigger set reads the whole schema). */
export const MAX_GRAPH_AROUND = 2000
