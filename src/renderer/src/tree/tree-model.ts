import type {
  CatalogObject,
  ColumnInfo,
  ConnectionSummary,
  ForeignKeyInfo,
  IndexInfo,
  QuarryError,
  TableInfo,
} from '../../../shared/contract'

/** Where a node lives below its connection: the database it is read from. */
interface InDatabase {
  id: string
  connectionId: string
  database: string
}

/** A table-like node (table, view, materialized view…). */
export type TableNode = InDatabase & { kind: 'table'; table: TableInfo }

/** A node under a table (column, index, foreign key): its table and that table's node id. */
type OfTable = InDatabase & { table: TableInfo; tableId: string }

/** What a group node gathers: other databases, a table's indexes or foreign keys, a kind of object. */
export type GroupRole = 'databases' | 'indexes' | 'foreign-keys' | CatalogObject['kind']

/** The kinds of node in the object tree. Ids are paths, so they are unique and stable. */
export type TreeNode =
  | { kind: 'connection'; id: string; connection: ConnectionSummary }
  /** `flat`: the engine has no schema level, the database holds its tables (MongoDB's collections). */
  | (InDatabase & { kind: 'database'; flat?: boolean })
  | (InDatabase & { kind: 'schema'; schema: string })
  | TableNode
  /** `inForeignKey`: the column is (part of) a foreign key. */
  | (OfTable & { kind: 'column'; column: ColumnInfo; inForeignKey: boolean })
  | (OfTable & { kind: 'index'; index: IndexInfo })
  | (OfTable & { kind: 'foreign-key'; foreignKey: ForeignKeyInfo })
  | (InDatabase & { kind: 'object'; object: CatalogObject })
  /** A folder whose nodes came with its parent's level ("All databases", "Indexes", "Functions"…). */
  | {
      kind: 'group'
      id: string
      connectionId: string
      role: GroupRole
      label: string
      items: TreeNode[]
      database?: string
      schema?: string
    }

/** Load status of one node's children: initial → fetching → ready | error. */
export type ChildrenState =
  | { status: 'initial' }
  | { status: 'fetching' }
  | { status: 'ready'; nodes: TreeNode[] }
  | { status: 'error'; error: QuarryError }

export interface TreeState {
  roots: TreeNode[]
  children: ReadonlyMap<string, ChildrenState>
  expanded: ReadonlySet<string>
  /** The node the user last clicked or focused, or a table opened from a dropped file (+ Query opens on it). */
  selected: string | null
  /** The filter box's text: the loaded levels narrow to the names containing it ('' shows all). */
  filter: string
  /** Why the connection list could not be read, when it could not. */
  connectionsError: QuarryError | null
}

/** Where a node is: its connection, and its database and schema where it has them. */
export interface NodePlace {
  connectionId: string
  database?: string
  schema?: string
}

/** A node of the tree by id, among the roots and the loaded levels. */
export function findNode(state: TreeState, id: string): TreeNode | undefined {
  const root = state.roots.find((node) => node.id === id)
  if (root) return root
  for (const children of state.children.values()) {
    if (children.status !== 'ready') continue
    const found = children.nodes.find((node) => node.id === id)
    if (found) return found
  }
  return undefined
}

/** The connection, database and schema a node belongs to. */
export function placeOf(node: TreeNode): NodePlace {
  switch (node.kind) {
    case 'connection':
      return { connectionId: node.id }
    case 'database':
      return { connectionId: node.connectionId, database: node.database }
    case 'schema':
      return { connectionId: node.connectionId, database: node.database, schema: node.schema }
    case 'object':
      return { connectionId: node.connectionId, database: node.database, schema: node.object.schema }
    case 'group':
      return {
        connectionId: node.connectionId,
        ...(node.database === undefined ? {} : { database: node.database }),
        ...(node.schema === undefined ? {} : { schema: node.schema }),
      }
    default:
      return { connectionId: node.connectionId, database: node.database, schema: node.table.schema }
  }
}

/** The connection a node belongs to. */
export const connectionIdOf = (node: TreeNode): string => (node.kind === 'connection' ? node.id : node.connectionId)

/** Nodes with nothing under them. */
export const isLeaf = (node: TreeNode): boolean =>
  node.kind === 'column' || node.kind === 'index' || node.kind === 'foreign-key' || node.kind === 'object'

export const nodeLabel = (node: TreeNode): string => {
  switch (node.kind) {
    case 'connection':
      return node.connection.name
    case 'database':
      return node.database
    case 'schema':
      return node.schema
    case 'table':
      return node.table.name
    case 'column':
      return node.column.name
    case 'index':
      return node.index.name
    case 'foreign-key':
      return node.foreignKey.name ?? `(${node.foreignKey.columns.join(', ')})`
    case 'object':
      return node.object.name
    case 'group':
      return node.label
  }
}
