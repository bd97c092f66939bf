import type { ColumnInfo, ForeignKeyInfo, IndexInfo, TableSchema } from '../../../shared/contract'
import type { CatalogQuery } from './duckdb-introspector'

type Row = Record<string, unknown>

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])

/**
 * Splits duckdb_indexes().expressions ("['(lower(title))', published]") into its parts: commas
 * outside quotes and parentheses separate them; quoted parts lose their quotes and escapes, and an
 * expression loses the parentheses DuckDB wraps it in.
 */
export function indexParts(text: string): string[] {
  return indexKeyParts(text).map((part) => part.text)
}

/** indexParts with each part marked as an expression (DuckDB wraps those in parentheses) or a column. */
function indexKeyParts(text: string): { text: string; expression: boolean }[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '')
  const parts: string[] = []
  let current = ''
  let depth = 0
  let quoted = false
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!
    if (quoted) {
      if (ch === '\\' && i + 1 < inner.length) current += inner[++i]
      else if (ch === "'") quoted = false
      else current += ch
    } else if (ch === "'") quoted = true
    else if (ch === ',' && depth === 0) {
      parts.push(current.trim())
      current = ''
    } else {
      if (ch === '(') depth++
      if (ch === ')') depth--
      current += ch
    }
  }
  if (current.trim()) parts.push(current.trim())
  return parts.map((part) =>
    /^\(.*\)$/.test(part) ? { text: part.slice(1, -1), expression: true } : { text: part, expression: false },
  )
}

/** The table or view's structure, or null when there is none of that name. */
export async function readTableSchema(
  query: CatalogQuery,
  database: string,
  schema: string,
  table: string,
): Promise<TableSchema | null> {
  const where = 'database_name = $1 AND schema_name = $2'
  const names = [database, schema, table]
  // All four at once: each catalog function reads every table's entries whatever the filter (60–140
  // ms apiece at 10,000 tables), so the table's existence is not checked first.
  const [[entry], columnRows, constraints, indexRows] = await Promise.all([
    query(
      `SELECT 'table' AS kind, sql FROM duckdb_tables() WHERE ${where} AND table_name = $3
       UNION ALL SELECT 'view', sql FROM duckdb_views() WHERE ${where} AND view_name = $3`,
      names,
    ),
    query(`SELECT * FROM duckdb_columns() WHERE ${where} AND table_name = $3 ORDER BY column_index`, names),
    query(`SELECT * FROM duckdb_constraints() WHERE ${where} AND table_name = $3 ORDER BY constraint_index`, names),
    query(`SELECT * FROM duckdb_indexes() WHERE ${where} AND table_name = $3 ORDER BY index_name`, names),
  ])
  if (!entry) return null
  const ofType = (type: string): Row[] => constraints.filter((c) => c['constraint_type'] === type)
  const primaryKey = strings(ofType('PRIMARY KEY')[0]?.['constraint_column_names'])
  // DuckDB backs PRIMARY KEY and UNIQUE constraints with indexes that duckdb_indexes() leaves out.
  const indexes: IndexInfo[] = [
    ...ofType('PRIMARY KEY').map((c) => constraintIndex(c, true)),
    ...ofType('UNIQUE').map((c) => constraintIndex(c, false)),
    ...indexRows.map((row) => {
      const parts = indexKeyParts(String(row['expressions'] ?? ''))
      return {
        name: String(row['index_name']),
        columns: parts.map((part) => part.text),
        unique: row['is_unique'] === true,
        primary: row['is_primary'] === true,
        predicate: null, // DuckDB has no partial indexes
        method: indexMethod(row['sql']),
        expressions: parts.some((part) => part.expression),
      }
    }),
  ]
  const uniqueColumns = new Set(
    indexes.filter((i) => i.unique && !i.primary && i.columns.length === 1).map((i) => i.columns[0]),
  )
  const columns = columnRows.map((row): ColumnInfo => {
    const name = String(row['column_name'])
    const position = primaryKey.indexOf(name)
    const written = (row['column_default'] as string | null) ?? null
    // DEFAULT NULL is no default (the contract's one meaning); DuckDB reports it as the word.
    const defaultValue = written === null || /^null$/i.test(written.trim()) ? null : written
    return {
      name,
      dataType: String(row['data_type']),
      nullable: row['is_nullable'] === true,
      defaultValue,
      primaryKeyPosition: position >= 0 ? position + 1 : null,
      unique: uniqueColumns.has(name),
      // DuckDB has no AUTOINCREMENT: a key filled from a sequence is the same thing.
      autoIncrement: defaultValue !== null && /^nextval\(/i.test(defaultValue),
      comment: (row['comment'] as string | null) ?? null,
    }
  })
  return {
    schema,
    name: table,
    kind: entry['kind'] === 'view' ? 'view' : 'table',
    columns,
    primaryKey,
    indexes,
    foreignKeys: ofType('FOREIGN KEY').map((c) => foreignKey(c, schema)),
    checks: ofType('CHECK').map((c) => ({
      name: (c['constraint_name'] as string | null) ?? null,
      expression: checkExpression(String(c['expression'] ?? '')),
    })),
    definition: (entry['sql'] as string | null) ?? null,
  }
}

const constraintIndex = (constraint: Row, primary: boolean): IndexInfo => ({
  name: String(constraint['constraint_name']),
  columns: strings(constraint['constraint_column_names']),
  unique: true,
  primary,
  predicate: null,
  method: 'ART',
  expressions: false,
})

/** DuckDB's own indexes are ART; an extension's index type (HNSW…) is named by its USING clause. */
const indexMethod = (sql: unknown): string => /\bUSING\s+(\w+)/i.exec(String(sql ?? ''))?.[1]?.toUpperCase() ?? 'ART'

/** duckdb_constraints().expression, in parentheses as the other engines print a check's condition. */
const checkExpression = (text: string): string => (/^\(.*\)$/s.test(text) ? text : `(${text})`)

/** DuckDB has no referential actions: every foreign key refuses changes that would orphan rows. */
const foreignKey = (constraint: Row, schema: string): ForeignKeyInfo => ({
  name: (constraint['constraint_name'] as string | null) ?? null,
  columns: strings(constraint['constraint_column_names']),
  referencedSchema: schema,
  referencedTable: String(constraint['referenced_table']),
  referencedColumns: strings(constraint['referenced_column_names']),
  onUpdate: 'NO ACTION',
  onDelete: 'NO ACTION',
})
