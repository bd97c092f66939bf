/** A column as TABLE_SCHEMA returns it. */
export interface CatalogColumn {
  name: string
  /** The name as an identifier (quote_ident). */
  quoted: string
  type: string
  notNull: boolean
  default: string | null
  /** 'a' always, 'd' by default, '' none. */
  identity: string
  /** 's' stored generated column, '' none. */
  generated: string
  comment: string | null
}

export interface CatalogIndex {
  name: string
  unique: boolean
  primary: boolean
  method: string
  predicate: string | null
  /** Key parts: column names, or expression text. */
  parts: string[]
  expressions: boolean
  definition: string
  /**
   * The index backs a constraint (primary key, unique, exclusion) that the DDL's constraint lines
   * show. A partition's inherited constraint is not among them, so its index is still listed.
   */
  constraint: boolean
}

export interface CatalogConstraint {
  name: string
  /** The name as an identifier (quote_ident). */
  quoted: string
  /** p primary key, u unique, f foreign key, c check, x exclusion, t constraint trigger. */
  type: string
  columns: string[]
  referencedSchema: string | null
  referencedTable: string | null
  referencedColumns: string[]
  onUpdate: string
  onDelete: string
  definition: string
  /** Inherited from a parent (a partition's copy of its parent's foreign key or check): the parent's DDL shows it. */
  inherited: boolean
}

/** One relation as TABLE_SCHEMA returns it. */
export interface CatalogRelation {
  kind: string
  qualified: string
  viewDefinition: string | null
  partitionKey: string | null
  /** A partition's parent (qualified) and bound (`FOR VALUES …`). */
  partitionParent: string | null
  partitionBound: string | null
  foreignServer: string | null
  columns: CatalogColumn[]
  indexes: CatalogIndex[]
  constraints: CatalogConstraint[]
}

function columnLine(column: CatalogColumn): string {
  let line = `    ${column.quoted} ${column.type}`
  if (column.identity) line += ` GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`
  else if (column.generated === 's') line += ` GENERATED ALWAYS AS ${column.default} STORED`
  else if (column.default !== null) line += ` DEFAULT ${column.default}`
  if (column.notNull && !column.identity) line += ' NOT NULL'
  return line
}

/**
 * The definition the structure view shows: a view's query as the server prints it, or a table
 * reconstructed from the catalog in pg_dump's shape (columns, constraints, partitioning, then the
 * indexes that back no constraint). A summary to read, not a dump to restore from.
 */
export function tableDefinition(relation: CatalogRelation): string {
  const { qualified } = relation
  if (relation.kind === 'v') return `CREATE VIEW ${qualified} AS\n${relation.viewDefinition ?? ''}`
  const foreign = relation.kind === 'f'
  let text: string
  const after: string[] = []
  if (relation.kind === 'm') {
    // pg_get_viewdef ends the query with ';' already.
    text = `CREATE MATERIALIZED VIEW ${qualified} AS\n${(relation.viewDefinition ?? '').replace(/;\s*$/, '')}`
  } else if (relation.partitionParent) {
    text = `CREATE TABLE ${qualified} PARTITION OF ${relation.partitionParent}\n    ${relation.partitionBound ?? ''}`
    // A partition's own constraints (those not inherited from its parent) follow, as pg_dump adds them.
    for (const c of relation.constraints.filter((c) => !c.inherited))
      after.push(`ALTER TABLE ONLY ${qualified}\n    ADD CONSTRAINT ${c.quoted} ${c.definition};`)
  } else {
    const lines = [
      ...relation.columns.map(columnLine),
      ...relation.constraints.map((c) => `    CONSTRAINT ${c.quoted} ${c.definition}`),
    ]
    text = `CREATE ${foreign ? 'FOREIGN TABLE' : 'TABLE'} ${qualified} (\n${lines.join(',\n')}\n)`
    if (relation.partitionKey) text += `\nPARTITION BY ${relation.partitionKey}`
    if (foreign && relation.foreignServer) text += `\nSERVER ${relation.foreignServer}`
  }
  const indexes = relation.indexes.filter((index) => !index.constraint).map((index) => `${index.definition};`)
  return [`${text};`, ...after, ...indexes].join('\n\n')
}
