import { QuarryFailure } from '../../../shared/contract'
import type {
  CellEdit,
  ColumnInfo,
  EditKey,
  EditRequest,
  EditStatement,
  RowChange,
  TableSchema,
  WireValue,
} from '../../../shared/contract'
import type { EditDialect } from './edit-dialect'
import { literalOf } from './edit-dialect'
import { findEditKey } from './edit-key'

/** A planned statement: what the review shows, and how to read the row it targets after a conflict. */
export interface PlannedStatement extends EditStatement {
  /** The bound texts, in placeholder order (the same as `params`, typed for the driver). */
  texts: string[]
  /** SELECT of the row by its key (null for inserts): the row as it is now, for a conflict. */
  current: { sql: string; texts: string[] } | null
}

/** The key and the statements of a request, in the order of its changes. */
export interface EditStatements {
  key: EditKey
  statements: PlannedStatement[]
}

/** Builds one statement: placeholders are numbered, values bound, a display written beside it. */
class StatementBuilder {
  readonly texts: string[] = []
  private readonly parts: { sql: string; display: string }[] = []

  constructor(private readonly dialect: EditDialect) {}

  raw(sql: string): this {
    this.parts.push({ sql, display: sql })
    return this
  }

  /** A value for a column: NULL as the keyword, anything else bound with the column's type. */
  value(value: WireValue, column: ColumnInfo): this {
    if (value === null) return this.raw('NULL')
    const { sql, display } = this.bound(value, column)
    this.parts.push({ sql, display })
    return this
  }

  /** `column = value`, or `column IS NULL` for a NULL: matches exactly the value read. */
  matches(column: ColumnInfo, value: WireValue): this {
    const name = this.dialect.quoteIdentifier(column.name)
    if (value === null) return this.raw(`${name} IS NULL`)
    const bound = this.bound(value, column)
    const equals = (v: string) => (this.dialect.equals ? this.dialect.equals(name, v, column) : `${name} = ${v}`)
    this.parts.push({ sql: equals(bound.sql), display: equals(bound.display) })
    return this
  }

  /** The value bound to the next placeholder; its display is the same SQL with the literal in its place. */
  private bound(value: Exclude<WireValue, null>, column: ColumnInfo): { sql: string; display: string } {
    const placeholder = this.dialect.placeholder(this.texts.length + 1)
    const binding = this.dialect.bind(value, column, placeholder)
    this.texts.push(binding.text)
    const literal = literalOf(binding.text, this.dialect.engine)
    return { sql: binding.sql, display: this.dialect.bind(value, column, literal).sql }
  }

  build(): { sql: string; display: string; texts: string[] } {
    return {
      sql: this.parts.map((p) => p.sql).join(''),
      display: this.parts.map((p) => p.display).join(''),
      texts: this.texts,
    }
  }
}

/**
 * Plans the statements of staged changes on one table: UPDATE and DELETE are keyed and guarded
 * by the values read (NULL-safe), so each matches only the row the user saw; INSERT names only
 * the columns the user set. Values are bind parameters, cast to their column's type.
 */
export function planEdits(request: EditRequest, table: TableSchema, dialect: EditDialect): EditStatements {
  const insertsOnly = request.changes.every((change) => change.op === 'insert')
  const key = findEditKey(table, request.keyColumns, dialect.engine, insertsOnly)
  const planner = new Planner(table, key, dialect, request.target.schema)
  return { key, statements: request.changes.map((change, index) => planner.plan(change, index)) }
}

class Planner {
  private readonly columns: Map<string, ColumnInfo>
  private readonly table: string

  constructor(
    private readonly schema: TableSchema,
    private readonly key: EditKey,
    private readonly dialect: EditDialect,
    targetSchema: string | null,
  ) {
    this.columns = new Map(schema.columns.map((column) => [column.name, column]))
    const name = dialect.quoteIdentifier(schema.name)
    this.table = targetSchema ? `${dialect.quoteIdentifier(targetSchema)}.${name}` : name
  }

  plan(change: RowChange, index: number): PlannedStatement {
    const built =
      change.op === 'insert'
        ? this.insert(change.values, index)
        : change.op === 'update'
          ? this.update(change.original, change.set, index)
          : this.delete(change.original, index)
    const current = change.op === 'insert' ? null : this.current(change.original, index)
    // Where the session may hide a statement's count, the statement reads its own.
    const counted = this.dialect.counted ?? ((sql: string) => sql)
    const [sql, display] = [counted(built.sql), counted(built.display)]
    return { change: index, sql, params: built.texts, display, texts: built.texts, current }
  }

  private insert(values: Record<string, CellEdit>, index: number) {
    const q = new StatementBuilder(this.dialect)
    const named = Object.entries(values).filter(
      ([, cell]) => this.dialect.defaultKeyword.insert || !('default' in cell),
    )
    if (named.length === 0) return q.raw(this.dialect.defaultValuesInsert(this.table)).build()
    const columns = named.map(([name]) => this.dialect.quoteIdentifier(this.column(name, index).name))
    q.raw(`INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (`)
    named.forEach(([name, cell], i) => {
      if (i > 0) q.raw(', ')
      this.cell(q, this.column(name, index), cell)
    })
    return q.raw(')').build()
  }

  private update(original: Record<string, WireValue>, set: Record<string, CellEdit>, index: number) {
    const changed = Object.entries(set)
    if (changed.length === 0) throw this.fail(index, 'it sets no column')
    const q = new StatementBuilder(this.dialect).raw(`UPDATE ${this.table} SET `)
    changed.forEach(([name, cell], i) => {
      const column = this.column(name, index)
      q.raw(`${i > 0 ? ', ' : ''}${this.dialect.quoteIdentifier(column.name)} = `)
      this.cell(q, column, cell)
    })
    // The key, then every changed column's original value: a row changed since it was read fails.
    const guard = [...this.key.columns, ...changed.map(([name]) => name).filter((n) => !this.key.columns.includes(n))]
    // The page sends only the key and the changed columns of an update's row: all must be there.
    return this.where(q, original, guard, index, true).build()
  }

  private delete(original: Record<string, WireValue>, index: number) {
    const q = new StatementBuilder(this.dialect).raw(`DELETE FROM ${this.table}`)
    // The key, then every other column read that compares exactly: only the row as it was seen goes.
    const others = Object.keys(original).filter((n) => !this.key.columns.includes(n) && this.columns.has(n))
    return this.where(q, original, [...this.key.columns, ...others], index).build()
  }

  /** The row as it is now, found by its key alone. */
  private current(original: Record<string, WireValue>, index: number) {
    const q = new StatementBuilder(this.dialect).raw(`SELECT * FROM ${this.table}`)
    const { sql, texts } = this.where(q, original, this.key.columns, index).build()
    return { sql, texts }
  }

  /** WHERE of the `names` read in `original`; each must be there when `required`, the key always. */
  private where(
    q: StatementBuilder,
    original: Record<string, WireValue>,
    names: string[],
    index: number,
    required = false,
  ) {
    let first = true
    for (const name of names) {
      const column = this.column(name, index)
      const isKey = this.key.columns.includes(name)
      if (!(name in original)) {
        if (isKey) throw this.fail(index, `the row as read lacks its key column "${name}"`)
        if (required) throw this.fail(index, `the row as read lacks the column it changes, "${name}"`)
        continue
      }
      // Key columns always guard (a key on a type without equality fails loudly in the engine).
      if (!isKey && !this.dialect.comparable(column)) continue
      q.raw(first ? ' WHERE ' : ' AND ').matches(column, original[name]!)
      first = false
    }
    return q
  }

  private cell(q: StatementBuilder, column: ColumnInfo, cell: CellEdit): void {
    if ('value' in cell) {
      q.value(cell.value, column)
      return
    }
    if (this.dialect.defaultKeyword.update) {
      q.raw('DEFAULT')
      return
    }
    // The engine has no DEFAULT in UPDATE: its own default expression, as its catalog has it.
    q.raw(column.defaultValue === null ? 'NULL' : `(${column.defaultValue})`)
  }

  private column(name: string, index: number): ColumnInfo {
    const column = this.columns.get(name)
    if (!column) throw this.fail(index, `${this.schema.name} has no column "${name}"`)
    return column
  }

  private fail(index: number, what: string): QuarryFailure {
    const message = `Change ${index + 1}: ${what}, so nothing was planned`
    return new QuarryFailure({ kind: 'invalid-input', path: 'changes', message, engine: this.dialect.engine })
  }
}
