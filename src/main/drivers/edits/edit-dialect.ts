import type { ColumnInfo, EngineId, QuarryError, WireValue } from '../../../shared/contract'
import type { TransactionStatements } from '../../../shared/engines/engine-descriptor'
import { sqlLiteral } from '../../../shared/formats/value-text'

/** A value that is not NULL (NULL is written as the keyword, never bound). */
export type BoundValue = Exclude<WireValue, null>

/** How a value goes into a statement: the SQL around its placeholder, and the text bound to it. */
export interface Binding {
  /** The placeholder as the statement holds it, with the column's cast or conversion around it. */
  sql: string
  /** The text bound to the placeholder (every engine converts it as it would a quoted literal). */
  text: string
}

/**
 * What one SQL engine's edits need of it (each engine's `<engine>-edit-dialect.ts`): its
 * placeholders, how a value is bound with its column's type, which columns compare exactly, and
 * its spelling of DEFAULT, empty inserts and savepoints. The planner and the apply are shared.
 */
export interface EditDialect {
  readonly engine: EngineId
  quoteIdentifier(name: string): string
  /** The n-th placeholder (1-based): `$1`, `?`, `@p1`. */
  placeholder(n: number): string
  /** A value bound for this column: the placeholder wrapped in the column type's cast. */
  bind(value: BoundValue, column: ColumnInfo, placeholder: string): Binding
  /**
   * Whether `column = value` finds exactly the value read (guards use only these columns): false
   * for types without equality (PostgreSQL xml, geometry) or whose text is not exact (MySQL FLOAT).
   */
  comparable(column: ColumnInfo): boolean
  /** The comparison of a column with a bound value; `column = value` when absent. */
  equals?(column: string, value: string, info: ColumnInfo): string
  /** `INSERT` with no column named (every column its default). `table` is quoted already. */
  defaultValuesInsert(table: string): string
  /** Whether DEFAULT is a value: else an insert leaves the column out, an update writes its default expression. */
  readonly defaultKeyword: { insert: boolean; update: boolean }
  /** The transaction statements (the descriptor's). */
  readonly transactions: TransactionStatements
  /** Savepoint statements, or null where the engine has none (edits then need no open transaction). */
  readonly savepoints: {
    create(name: string): string
    rollbackTo(name: string): string
    release: ((name: string) => string) | null
  } | null
  /** The bound on waiting for a row another session has locked, set around each apply; absent: none per session. */
  readonly lockWait?: LockWait
  /**
   * The statement followed by a query of its own row count, where the session may hide the count
   * (SQL Server's SET NOCOUNT ON): the apply then reads the count from that query's one value.
   */
  counted?(sql: string): string
}

/**
 * How an engine bounds the wait for a locked row during one apply. `transaction`: set after BEGIN
 * (or the savepoint), so a rollback undoes it, and restored before COMMIT/RELEASE; `session`: set
 * before BEGIN and restored after the apply, whatever its end.
 */
export interface LockWait {
  readonly scope: 'transaction' | 'session'
  /** A query of the bound(s) in force now: one row. */
  readonly read: string
  /** Sets the bound, in whole milliseconds (Quarry's own number, never the user's). */
  set(ms: number): string
  /** Restores the values `read` answered, as text (bound where the engine's SET takes parameters). */
  restore(previous: readonly string[]): { sql: string; params: string[] }
  /** Whether a statement's failure is this bound running out. */
  timedOut(error: QuarryError): boolean
}

/** A wire value as the text an engine reads back into the same value (most engines). */
export function valueText(value: BoundValue, booleans: 'words' | 'bits' = 'words'): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return booleans === 'bits' ? (value ? '1' : '0') : value ? 'true' : 'false'
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  return value.v
}

/** A bound text written as a literal of the engine (the review's `display`). */
export const literalOf = (text: string, engine: EngineId): string => sqlLiteral(text, engine)

/** A declared type without its length/precision modifiers (`character varying(20)[]` → `character varying[]`). */
export const baseType = (dataType: string): string => dataType.replace(/\s*\([^)]*\)/g, '').trim()
