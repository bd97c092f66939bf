import type { CheckInfo, ColumnInfo, ForeignKeyInfo, IndexInfo, TableSchema } from '../../../shared/contract'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { CHECKS, COLUMNS, FOREIGN_KEYS, INDEXES, OBJECT_KIND } from './mssql-catalog-sql'
import { mssqlFailure } from './mssql-errors'
import type { CatalogQuery } from './mssql-introspector'

type Flag = boolean | number

export interface ColumnRow {
  name: string
  typeName: string
  userType: Flag
  maxLength: number
  precision: number
  scale: number
  nullable: Flag
  isIdentity: Flag
  seed: string | null
  increment: string | null
  dflt: string | null
  computed: string | null
  comment: string | null
}
interface IndexRow {
  name: string
  isUnique: Flag
  isPrimary: Flag
  predicate: string | null
  col: string
  /** sys.indexes.type_desc: CLUSTERED, NONCLUSTERED, XML, SPATIAL, CLUSTERED COLUMNSTORE… */
  method: string
}
interface ForeignKeyRow {
  name: string
  col: string
  refSchema: string
  refTable: string
  refCol: string
  onUpdate: string
  onDelete: string
}

/** A column's type as SQL Server declares it, from sys.columns (lengths in bytes, -1 = max). */
export function declaredType(
  row: Pick<ColumnRow, 'typeName' | 'userType' | 'maxLength' | 'precision' | 'scale'>,
): string {
  const { typeName, maxLength, precision, scale } = row
  if (row.userType) return typeName
  switch (typeName) {
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'binary':
      return `${typeName}(${maxLength === -1 ? 'max' : maxLength})`
    case 'nvarchar':
    case 'nchar':
      return `${typeName}(${maxLength === -1 ? 'max' : maxLength / 2})`
    case 'decimal':
    case 'numeric':
      return `${typeName}(${precision},${scale})`
    case 'datetime2':
    case 'time':
    case 'datetimeoffset':
      return `${typeName}(${scale})`
    default:
      return typeName
  }
}

function groupIndexes(rows: IndexRow[]): IndexInfo[] {
  const byName = new Map<string, IndexInfo>()
  for (const row of rows) {
    const part = row.col
    const index = byName.get(row.name)
    if (index) index.columns.push(part)
    else {
      byName.set(row.name, {
        name: row.name,
        columns: [part],
        unique: Boolean(row.isUnique),
        primary: Boolean(row.isPrimary),
        predicate: row.predicate,
        method: row.method,
        expressions: false, // SQL Server indexes computed columns, never expressions
      })
    }
  }
  return [...byName.values()]
}

const action = (desc: string): string => desc.replaceAll('_', ' ')

function groupForeignKeys(rows: ForeignKeyRow[]): ForeignKeyInfo[] {
  const byName = new Map<string, ForeignKeyInfo>()
  for (const row of rows) {
    const key = byName.get(row.name)
    if (key) {
      key.columns.push(row.col)
      key.referencedColumns.push(row.refCol)
    } else {
      byName.set(row.name, {
        name: row.name,
        columns: [row.col],
        referencedSchema: row.refSchema,
        referencedTable: row.refTable,
        referencedColumns: [row.refCol],
        onUpdate: action(row.onUpdate),
        onDelete: action(row.onDelete),
      })
    }
  }
  return [...byName.values()]
}

const q = (name: string) => quoteIdentifier('mssql', name)

/**
 * CREATE TABLE rebuilt from the catalog: columns (type, identity, default, NULL), the primary key
 * (clustered or not), foreign keys and checks. SQL Server keeps no DDL text for tables (SSMS
 * scripts them with SMO); storage options, triggers and secondary indexes are not included.
 */
export function tableDdl(
  schema: string,
  table: string,
  columns: ColumnRow[],
  indexes: IndexInfo[],
  keys: ForeignKeyInfo[],
  checks: CheckInfo[] = [],
): string {
  const lines = columns.map((c) => {
    if (c.computed !== null) return `  ${q(c.name)} AS ${c.computed}`
    const identity = c.isIdentity ? ` IDENTITY(${c.seed ?? 1},${c.increment ?? 1})` : ''
    // An explicit DEFAULT NULL is a default object of its own here: the DDL keeps it.
    const dflt = c.dflt !== null ? ` DEFAULT ${defaultText(c.dflt) ?? 'NULL'}` : ''
    return `  ${q(c.name)} ${declaredType(c)}${identity}${dflt} ${c.nullable ? 'NULL' : 'NOT NULL'}`
  })
  const primary = indexes.find((index) => index.primary)
  if (primary) {
    const kind = primary.method === 'CLUSTERED' || primary.method === 'NONCLUSTERED' ? ` ${primary.method}` : ''
    lines.push(`  CONSTRAINT ${q(primary.name)} PRIMARY KEY${kind} (${primary.columns.map(q).join(', ')})`)
  }
  for (const key of keys) {
    const target = `${q(key.referencedSchema)}.${q(key.referencedTable)}`
    const actions = `${key.onDelete !== 'NO ACTION' ? ` ON DELETE ${key.onDelete}` : ''}${key.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${key.onUpdate}` : ''}`
    lines.push(
      `  CONSTRAINT ${q(key.name ?? '')} FOREIGN KEY (${key.columns.map(q).join(', ')}) REFERENCES ${target} (${key.referencedColumns.map(q).join(', ')})${actions}`,
    )
  }
  for (const check of checks) lines.push(`  CONSTRAINT ${q(check.name ?? '')} CHECK ${check.expression}`)
  return `CREATE TABLE ${q(schema)}.${q(table)} (\n${lines.join(',\n')}\n);`
}

/**
 * A default as written in DDL: SQL Server keeps it wrapped in parentheses (`((9.99))`,
 * `('anonymous')`, `(getdate())`); the wrapping ones are taken off.
 */
export function defaultText(definition: string | null): string | null {
  if (definition === null) return null
  let text = definition.trim()
  while (text.startsWith('(') && text.endsWith(')') && closes(text) === text.length - 1) text = text.slice(1, -1).trim()
  // DEFAULT NULL is no default (the contract's one meaning), as a column without one reads NULL too.
  return /^null$/i.test(text) ? null : text
}

/** Where the parenthesis opening `text` closes (strings skipped), or -1. */
function closes(text: string): number {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === "'") i = text.indexOf("'", i + 1) === -1 ? text.length : text.indexOf("'", i + 1)
    else if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) return i
  }
  return -1
}

/** Everything the structure view shows about one table or view, from the sys catalog. */
export async function readTableSchema(
  inDatabase: CatalogQuery,
  database: string,
  schema: string,
  table: string,
): Promise<TableSchema> {
  const [entry] = await inDatabase<{ type: string; definition: string | null }>(database, OBJECT_KIND, schema, table)
  if (!entry) throw mssqlFailure('not-found', `Table "${table}" does not exist in schema "${schema}"`)
  const view = entry.type === 'V'
  const [columnRows, indexRows, keyRows, checks] = await Promise.all([
    inDatabase<ColumnRow>(database, COLUMNS, schema, table),
    inDatabase<IndexRow>(database, INDEXES, schema, table),
    inDatabase<ForeignKeyRow>(database, FOREIGN_KEYS, schema, table),
    inDatabase<{ name: string; expression: string }>(database, CHECKS, schema, table),
  ])
  const indexes = groupIndexes(indexRows)
  const foreignKeys = groupForeignKeys(keyRows)
  const checkList = checks.map((check): CheckInfo => ({ name: check.name, expression: check.expression }))
  const primaryKey = indexes.find((index) => index.primary)?.columns ?? []
  const uniqueColumns = new Set(
    indexes.filter((i) => i.unique && !i.primary && i.columns.length === 1).map((i) => i.columns[0]),
  )
  const columns = columnRows.map((row): ColumnInfo => {
    const position = primaryKey.indexOf(row.name)
    return {
      name: row.name,
      dataType: row.computed !== null ? `${declaredType(row)} AS ${row.computed}` : declaredType(row),
      nullable: Boolean(row.nullable),
      defaultValue: defaultText(row.dflt),
      primaryKeyPosition: position >= 0 ? position + 1 : null,
      unique: uniqueColumns.has(row.name),
      autoIncrement: Boolean(row.isIdentity),
      comment: row.comment,
    }
  })
  return {
    schema,
    name: table,
    kind: view ? 'view' : 'table',
    columns,
    primaryKey,
    indexes,
    foreignKeys,
    checks: checkList,
    // A view's text is kept by the server (null when encrypted or not readable by this login).
    definition: view ? entry.definition : tableDdl(schema, table, columnRows, indexes, foreignKeys, checkList),
  }
}
