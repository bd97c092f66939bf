import { SQLITE } from '../../../shared/engines/sqlite'
import type { BoundValue, Binding, EditDialect } from '../edits/edit-dialect'
import { valueText } from '../edits/edit-dialect'
import { quoteIdentifier } from './sqlite-dialect'

/**
 * SQLite's edits. Its values carry their own storage class, so a value is bound as what it was
 * read as: text as text, integers (64-bit exact) as INTEGER, reals as REAL, BLOBs from hex; the
 * column's affinity then converts as it would a literal. No DEFAULT keyword: an insert leaves the
 * column out, an update writes the column's default expression from the schema.
 */
export const SQLITE_EDIT_DIALECT: EditDialect = {
  engine: 'sqlite',
  quoteIdentifier,
  placeholder: () => '?',
  bind: (value: BoundValue, _column, placeholder): Binding => {
    if (typeof value === 'string') return { sql: placeholder, text: value }
    if (typeof value === 'boolean') return { sql: `CAST(${placeholder} AS INTEGER)`, text: value ? '1' : '0' }
    if (typeof value === 'number') {
      const type = Number.isSafeInteger(value) ? 'INTEGER' : 'REAL'
      return { sql: `CAST(${placeholder} AS ${type})`, text: valueText(value) }
    }
    if (value.$ === 'int') return { sql: `CAST(${placeholder} AS INTEGER)`, text: value.v }
    if (value.$ === 'bytes') return { sql: `unhex(${placeholder})`, text: value.v }
    // ±Infinity (SQLite stores NaN as NULL): the only REAL values text cannot spell.
    const sql = `(CASE ${placeholder} WHEN 'Infinity' THEN 9e999 WHEN '-Infinity' THEN -9e999 END)`
    return { sql, text: value.v }
  },
  comparable: () => true,
  defaultValuesInsert: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  defaultKeyword: { insert: false, update: false },
  transactions: SQLITE.transactions,
  savepoints: {
    create: (name) => `SAVEPOINT ${quoteIdentifier(name)}`,
    rollbackTo: (name) => `ROLLBACK TO ${quoteIdentifier(name)}`,
    release: (name) => `RELEASE ${quoteIdentifier(name)}`,
  },
  // The connection's busy timeout (another connection writing holds the database's lock): set
  // before the apply, restored after. PRAGMA takes no parameter: the value restored is the integer read.
  lockWait: {
    scope: 'session',
    read: 'PRAGMA busy_timeout',
    set: (ms) => `PRAGMA busy_timeout = ${Math.max(1, Math.round(ms))}`,
    restore: ([previous = '']) => ({
      sql: `PRAGMA busy_timeout = ${/^\d{1,10}$/.test(previous) ? previous : 5000}`,
      params: [],
    }),
    timedOut: (error) => error.code === 'SQLITE_BUSY',
  },
}
