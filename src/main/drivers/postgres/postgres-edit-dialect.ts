import type { ColumnInfo } from '../../../shared/contract'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { POSTGRES } from '../../../shared/engines/postgres'
import type { BoundValue, EditDialect } from '../edits/edit-dialect'
import { baseType, valueText } from '../edits/edit-dialect'

/** Types without an equality operator: left out of guards (a key column of one fails loudly). */
const NO_EQUALITY = /^(xml|json|point|line|lseg|box|path|polygon|circle)(\[\])*$/

/**
 * The type a value is cast to: the column's, without length or precision, so nothing is cut by
 * the cast (an explicit cast to varchar(3) truncates; the column's own assignment checks instead).
 * Blank-padded and bit strings keep their length when written without one (bpchar, varbit).
 */
export function castType(column: ColumnInfo): string {
  const base = baseType(column.dataType)
  const arrays = /(\[\])*$/.exec(base)![0]
  const element = base.slice(0, base.length - arrays.length)
  if (element === 'character') return `bpchar${arrays}`
  if (element === 'bit') return `varbit${arrays}`
  return base
}

/**
 * PostgreSQL's edits: `$n` placeholders, each value sent as the text the type's input function
 * reads (exactly what was read: numeric digits, timestamps with their zone and microseconds,
 * bytea as `\x` hex, json as written) and cast to the column's type.
 */
export const POSTGRES_EDIT_DIALECT: EditDialect = {
  engine: 'postgres',
  quoteIdentifier: (name) => quoteIdentifier('postgres', name),
  placeholder: (n) => `$${n}`,
  bind: (value: BoundValue, column, placeholder) => {
    const text = typeof value === 'object' && value.$ === 'bytes' ? `\\x${value.v}` : valueText(value)
    return { sql: `${placeholder}::${castType(column)}`, text }
  },
  comparable: (column) => castType(column) === 'json' || !NO_EQUALITY.test(castType(column)),
  // json keeps its text as written: the same text is the same value.
  equals: (name, value, column) =>
    castType(column) === 'json' ? `${name}::text = ${value}::text` : `${name} = ${value}`,
  defaultValuesInsert: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  defaultKeyword: { insert: true, update: true },
  transactions: POSTGRES.transactions,
  savepoints: {
    create: (name) => `SAVEPOINT ${name}`,
    rollbackTo: (name) => `ROLLBACK TO SAVEPOINT ${name}`,
    release: (name) => `RELEASE SAVEPOINT ${name}`,
  },
  // In the apply's transaction (or savepoint): a rollback undoes it; restored before COMMIT/RELEASE.
  lockWait: {
    scope: 'transaction',
    read: "SELECT current_setting('lock_timeout')",
    set: (ms) => `SET LOCAL lock_timeout = ${Math.max(1, Math.round(ms))}`,
    restore: ([previous = '0']) => ({ sql: "SELECT set_config('lock_timeout', $1, true)", params: [previous] }),
    timedOut: (error) => error.code === LOCK_NOT_AVAILABLE,
  },
}

/** SQLSTATE of a lock_timeout (or NOWAIT) that ran out. */
const LOCK_NOT_AVAILABLE = '55P03'
