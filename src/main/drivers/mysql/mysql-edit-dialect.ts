import type { ColumnInfo } from '../../../shared/contract'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { MYSQL } from '../../../shared/engines/mysql'
import type { BoundValue, EditDialect } from '../edits/edit-dialect'
import { valueText } from '../edits/edit-dialect'

const INTEGER = /^(tinyint|smallint|mediumint|int|integer|bigint)\b/
const DECIMAL = /^(?:decimal|numeric)\((\d+)(?:,(\d+))?\)/
/** FLOAT's text is rounded (a guard would never match); spatial and BIT values compare as bytes. */
const NOT_COMPARABLE =
  /^(float|bit|geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/

const typeOf = (column: ColumnInfo) => column.dataType.toLowerCase()

/**
 * MySQL/MariaDB's edits: `?` placeholders, bound as hex string literals (see mysql-params), each
 * converted to its column's type where a string would not compare exactly: integers as SIGNED or
 * UNSIGNED (a string against a BIGINT compares as a double), decimals as DECIMAL(p,s) of the
 * column, binary from hex, JSON as JSON. An UPDATE counts the rows it matched (see matchedRows).
 */
export const MYSQL_EDIT_DIALECT: EditDialect = {
  engine: 'mysql',
  quoteIdentifier: (name) => quoteIdentifier('mysql', name),
  placeholder: () => '?',
  bind: (value: BoundValue, column, placeholder) => {
    const type = typeOf(column)
    if (typeof value === 'object' && value.$ === 'bytes') return { sql: `UNHEX(${placeholder})`, text: value.v }
    const text = valueText(value, 'bits')
    if (INTEGER.test(type))
      return { sql: `CAST(${placeholder} AS ${/unsigned/.test(type) ? 'UNSIGNED' : 'SIGNED'})`, text }
    const decimal = DECIMAL.exec(type)
    if (decimal) return { sql: `CAST(${placeholder} AS DECIMAL(${decimal[1]},${decimal[2] ?? 0}))`, text }
    if (/^json\b/.test(type)) return { sql: `CAST(${placeholder} AS JSON)`, text }
    return { sql: placeholder, text }
  },
  comparable: (column) => !NOT_COMPARABLE.test(typeOf(column)),
  defaultValuesInsert: (table) => `INSERT INTO ${table} () VALUES ()`,
  defaultKeyword: { insert: true, update: true },
  transactions: MYSQL.transactions,
  savepoints: {
    create: (name) => `SAVEPOINT ${name}`,
    rollbackTo: (name) => `ROLLBACK TO SAVEPOINT ${name}`,
    release: (name) => `RELEASE SAVEPOINT ${name}`,
  },
  // Session variables in whole seconds (at least 1), set before the apply and restored after it:
  // InnoDB's row locks, and the metadata locks a whole table is locked by (LOCK TABLES, DDL).
  lockWait: {
    scope: 'session',
    read: 'SELECT @@SESSION.innodb_lock_wait_timeout, @@SESSION.lock_wait_timeout',
    set: (ms) => {
      const seconds = Math.max(1, Math.ceil(ms / 1000))
      return `SET SESSION innodb_lock_wait_timeout = ${seconds}, lock_wait_timeout = ${seconds}`
    },
    restore: ([rows = '50', tables = '31536000']) => ({
      sql: 'SET SESSION innodb_lock_wait_timeout = CAST(? AS UNSIGNED), lock_wait_timeout = CAST(? AS UNSIGNED)',
      params: [rows, tables],
    }),
    timedOut: (error) => /\(1205\)$/.test(error.code ?? ''),
  },
}
