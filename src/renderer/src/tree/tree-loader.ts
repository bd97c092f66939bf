import { engineDescriptor } from '../../../shared/contract'
import type { CatalogObject, ConnectionSummary, Result, SchemaInfo, TableSchema } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { GroupRole, TreeNode } from './tree-model'

const OBJECT_GROUPS: { kind: CatalogObject['kind']; label: string }[] = [
  { kind: 'function', label: 'Functions' },
  { kind: 'procedure', label: 'Procedures' },
  { kind: 'sequence', label: 'Sequences' },
  { kind: 'trigger', label: 'Triggers' },
]

/** Reads one node's children from the catalog (a group's came with its parent). */
export async function loadChildren(client: QuarryClient, node: TreeNode): Promise<Result<TreeNode[]>> {
  switch (node.kind) {
    case 'connection':
      return connectionChildren(client, node.connection)
    case 'database': {
      const { connectionId, database } = node
      // No schema level: the database is its own one schema (the driver answers so).
      if (node.flat) return schemaChildren(client, node.id, connectionId, database, database)
      const result = await client.call('meta.schemas', { connectionId, database })
      return map(result, (schemas) => schemaNodes(node.id, connectionId, database, schemas))
    }
    case 'schema':
      return schemaChildren(client, node.id, node.connectionId, node.database, node.schema)
    case 'table': {
      const { connectionId, database, table } = node
      const input = { connectionId, database, schema: table.schema, table: table.name }
      const result = await client.call('meta.tableSchema', input)
      return map(result, (schema) => tableChildren(node, schema))
    }
    case 'group':
      return { ok: true, value: node.items }
    default:
      return { ok: true, value: [] }
  }
}

/**
 * A connection's first level: its databases, or (engines whose server is the one database) that
 * database's schemas. The database its profile names comes first; the others wait behind "All
 * databases".
 */
async function connectionChildren(client: QuarryClient, connection: ConnectionSummary): Promise<Result<TreeNode[]>> {
  const connectionId = connection.id
  const tree = engineDescriptor(connection.engine).tree
  const databases = await client.call('meta.databases', { connectionId })
  if (!databases.ok) return databases
  if (tree.hideDatabaseLevel) {
    const server = databases.value[0]?.name
    if (server === undefined) return { ok: true, value: [] }
    const schemas = await client.call('meta.schemas', { connectionId, database: server })
    const parentId = `${connectionId}/${server}`
    return map(schemas, (items) => namedFirst(connection, schemaNodes(parentId, connectionId, server, items)))
  }
  const flat = tree.noSchemaLevel === true
  const nodes = databases.value.map((db): TreeNode => ({
    kind: 'database',
    id: `${connectionId}/${db.name}`,
    connectionId,
    database: db.name,
    ...(flat ? { flat } : {}),
  }))
  return { ok: true, value: namedFirst(connection, nodes) }
}

/** The profile's database first, the rest in an "All databases" group; all of them when none is named. */
function namedFirst(connection: ConnectionSummary, nodes: TreeNode[]): TreeNode[] {
  const named = nodes.find((node) => nameOf(node) === connection.database)
  if (!named || nodes.length === 1) return nodes
  const others = nodes.filter((node) => node !== named)
  return [named, group(connection.id, `${connection.id}/#databases`, 'databases', 'All databases', others)]
}

const nameOf = (node: TreeNode): string | undefined =>
  node.kind === 'database' ? node.database : node.kind === 'schema' ? node.schema : undefined

const schemaNodes = (parentId: string, connectionId: string, database: string, schemas: SchemaInfo[]): TreeNode[] =>
  schemas.map((s) => ({ kind: 'schema', id: `${parentId}/${s.name}`, connectionId, database, schema: s.name }))

/** A schema's tables and views, then its routines, sequences and triggers in groups. */
async function schemaChildren(
  client: QuarryClient,
  parentId: string,
  connectionId: string,
  database: string,
  schema: string,
): Promise<Result<TreeNode[]>> {
  const [tables, objects] = await Promise.all([
    client.call('meta.tables', { connectionId, database, schema }),
    client.call('meta.objects', { connectionId, database, schema }),
  ])
  if (!tables.ok) return tables
  const tableNodes = tables.value.map((table): TreeNode => ({
    kind: 'table',
    id: `${parentId}/${table.name}`,
    connectionId,
    database,
    table,
  }))
  // The objects are extras: when they cannot be read, the tables still show (and the error says why).
  if (!objects.ok) {
    const label = `Other objects: ${objects.error.message}`
    const failed = group(connectionId, `${parentId}/#objects`, 'function', label, [], { database, schema })
    return { ok: true, value: [...tableNodes, failed] }
  }
  const groups = OBJECT_GROUPS.flatMap(({ kind, label }) => {
    const items = objects.value
      .filter((object) => object.kind === kind)
      .map((object): TreeNode => {
        // Overloaded routines share a name: the arguments keep their ids apart.
        const id = `${parentId}/#${kind}/${object.name}${object.detail ?? ''}`
        return { kind: 'object', id, connectionId, database, object }
      })
    return items.length === 0
      ? []
      : [group(connectionId, `${parentId}/#${kind}`, kind, label, items, { database, schema })]
  })
  return { ok: true, value: [...tableNodes, ...groups] }
}

/** A table's columns, then its indexes and foreign keys in groups. */
function tableChildren(node: Extract<TreeNode, { kind: 'table' }>, schema: TableSchema): TreeNode[] {
  const { connectionId, database, table, id } = node
  const base = { connectionId, database, table, tableId: id }
  const keyColumns = new Set(schema.foreignKeys.flatMap((fk) => fk.columns))
  const columns = schema.columns.map((column): TreeNode => ({
    ...base,
    kind: 'column',
    id: `${id}/${column.name}`,
    column,
    inForeignKey: keyColumns.has(column.name),
  }))
  const indexes = schema.indexes.map((index): TreeNode => ({
    ...base,
    kind: 'index',
    id: `${id}/#index/${index.name}`,
    index,
  }))
  const foreignKeys = schema.foreignKeys.map((foreignKey, at): TreeNode => ({
    ...base,
    kind: 'foreign-key',
    id: `${id}/#fk/${foreignKey.name ?? at}`,
    foreignKey,
  }))
  const place = { database, schema: table.schema }
  return [
    ...columns,
    ...(indexes.length > 0 ? [group(connectionId, `${id}/#indexes`, 'indexes', 'Indexes', indexes, place)] : []),
    ...(foreignKeys.length > 0
      ? [group(connectionId, `${id}/#fks`, 'foreign-keys', 'Foreign keys', foreignKeys, place)]
      : []),
  ]
}

const group = (
  connectionId: string,
  id: string,
  role: GroupRole,
  label: string,
  items: TreeNode[],
  place: { database?: string; schema?: string } = {},
): TreeNode => ({ kind: 'group', id, connectionId, role, label, items, ...place })

function map<T, U>(result: Result<T>, f: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: f(result.value) } : result
}
