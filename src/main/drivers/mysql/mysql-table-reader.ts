import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, TableSchema } from '../../../shared/contract'
import type { MysqlClient } from './mysql-client'
import { runQuery } from './mysql-client'
import { CHECKS, COLUMNS, FOREIGN_KEY_COLUMNS, FOREIGN_KEY_RULES, INDEXES, TABLE } from './mysql-catalog-sql'
import { mysqlFailure } from './mysql-errors'
import type { ServerFlavor } from './mysql-flavor'

interface ColumnRow {
  name: string
  type: string
  nullable: 'YES' | 'NO'
  dflt: string | null
  extra: string
  comment: string
  collation: string | null
  dataType: string
}
interface IndexRow {
  name: string
  nonUnique: number | string
  seq: number
  col: string | null
  subPart: number | null
  expr: string | null
  method: string
}
interface ForeignKeyRow {
  name: string
  col: string
  refSchema: string
  refTable: string
  refCol: string
}
interface ForeignKeyRule {
  name: string
  onUpdate: string
  onDelete: string
}

interface CheckRow {
  name: string
  clause: string
}

/** EXTRA's `on update current_timestamp()` (MariaDB) or `DEFAULT_GENERATED on update CURRENT_TIMESTAMP` (MySQL). */
const ON_UPDATE = /\bon update (.+)$/i

const QUOTED_DEFAULT_TYPES = /char|text|enum|set|date|time|year|binary|blob|json/i

/**
 * The default as written in DDL. MariaDB reports it that way already (literals quoted, `NULL` for
 * DEFAULT NULL, which is also what a nullable column without a default has); MySQL 8 reports
 * literals unquoted and marks expressions DEFAULT_GENERATED.
 */
function defaultOf(row: ColumnRow, flavor: ServerFlavor): string | null {
  if (row.dflt === null) return null
  if (flavor === 'mariadb') return row.dflt === 'NULL' ? null : row.dflt
  if (/DEFAULT_GENERATED/i.test(row.extra) || !QUOTED_DEFAULT_TYPES.test(row.dataType)) return row.dflt
  return `'${row.dflt.replaceAll("'", "''")}'`
}

function groupIndexes(rows: IndexRow[]): IndexInfo[] {
  const byName = new Map<string, IndexInfo>()
  for (const row of rows) {
    // A key part is a column (with a prefix length, as DDL writes it) or an expression (MySQL 8).
    const part = row.col === null ? (row.expr ?? '<expression>') : row.subPart ? `${row.col}(${row.subPart})` : row.col
    const index = byName.get(row.name)
    if (index) {
      index.columns.push(part)
      index.expressions ||= row.col === null
    } else {
      const primary = row.name === 'PRIMARY'
      byName.set(row.name, {
        name: row.name,
        columns: [part],
        unique: Number(row.nonUnique) === 0,
        primary,
        predicate: null,
        method: row.method,
        expressions: row.col === null,
      })
    }
  }
  // The primary key first, as SHOW INDEX lists it.
  return [...byName.values()].sort((a, b) => Number(b.primary) - Number(a.primary))
}

function groupForeignKeys(rows: ForeignKeyRow[], rules: ForeignKeyRule[]): ForeignKeyInfo[] {
  const ruleOf = new Map(rules.map((rule) => [rule.name, rule]))
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
        onUpdate: ruleOf.get(row.name)?.onUpdate ?? 'NO ACTION',
        onDelete: ruleOf.get(row.name)?.onDelete ?? 'NO ACTION',
      })
    }
  }
  return [...byName.values()]
}

/** Everything the structure view shows about one table or view, from information_schema. */
export async function readTableSchema(
  client: MysqlClient,
  flavor: ServerFlavor,
  schema: string,
  table: string,
): Promise<TableSchema> {
  const [entry] = await runQuery<{ type: string; collation: string | null }>(client, TABLE, [schema, table])
  if (!entry) throw mysqlFailure('not-found', `Table "${table}" does not exist in schema "${schema}"`)
  const view = entry.type === 'VIEW' || entry.type === 'SYSTEM VIEW'
  const [columnRows, indexRows, keyRows, keyRules, checkRows] = await Promise.all([
    runQuery<ColumnRow>(client, COLUMNS, [schema, table]),
    runQuery<IndexRow>(client, INDEXES[flavor], [schema, table]),
    runQuery<ForeignKeyRow>(client, FOREIGN_KEY_COLUMNS, [schema, table]),
    runQuery<ForeignKeyRule>(client, FOREIGN_KEY_RULES, [schema, table]),
    // A server without CHECK_CONSTRAINTS (MariaDB before 10.2, MySQL before 8.0.16) keeps no checks.
    view ? [] : runQuery<CheckRow>(client, CHECKS[flavor], [schema, table]).catch(() => []),
  ])
  const indexes = groupIndexes(indexRows)
  const primaryKey = indexes.find((index) => index.primary)?.columns ?? []
  const uniqueColumns = new Set(
    indexes.filter((i) => i.unique && !i.primary && i.columns.length === 1).map((i) => i.columns[0]),
  )
  const columns = columnRows.map((row): ColumnInfo => {
    const position = primaryKey.indexOf(row.name)
    // The collation is shown where it differs from the table's, as SHOW CREATE TABLE does; a view
    // has no collation of its own (TABLE_COLLATION is NULL) and SHOW CREATE VIEW names none.
    const collation =
      entry.collation && row.collation && row.collation !== entry.collation ? ` COLLATE ${row.collation}` : ''
    const onUpdate = ON_UPDATE.exec(row.extra)?.[1]
    return {
      name: row.name,
      dataType: `${row.type}${collation}`,
      nullable: row.nullable === 'YES',
      defaultValue: defaultOf(row, flavor),
      primaryKeyPosition: position >= 0 ? position + 1 : null,
      unique: uniqueColumns.has(row.name),
      autoIncrement: /auto_increment/i.test(row.extra),
      comment: row.comment || null,
      ...(onUpdate ? { onUpdate } : {}),
    }
  })
  return {
    schema,
    name: table,
    kind: view ? 'view' : 'table',
    columns,
    primaryKey,
    indexes,
    foreignKeys: groupForeignKeys(keyRows, keyRules),
    // MySQL prints a clause in its parentheses already; MariaDB without them.
    checks: checkRows.map((row) => ({
      name: row.name,
      expression: flavor === 'mysql' && /^\(.*\)$/s.test(row.clause) ? row.clause : `(${row.clause})`,
    })),
    definition: await showCreate(client, schema, table, view),
  }
}

/** SHOW CREATE takes identifiers, not parameters: the names come from the catalog, quoted. */
async function showCreate(client: MysqlClient, schema: string, table: string, view: boolean): Promise<string | null> {
  const name = `${quoteIdentifier('mysql', schema)}.${quoteIdentifier('mysql', table)}`
  try {
    const [row] = await runQuery<Record<string, string>>(client, `SHOW CREATE ${view ? 'VIEW' : 'TABLE'} ${name}`)
    return row?.[view ? 'Create View' : 'Create Table'] ?? null
  } catch {
    return null // e.g. a view whose definer or tables are gone: the rest still describes it
  }
}
