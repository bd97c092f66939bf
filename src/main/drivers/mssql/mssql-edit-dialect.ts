import type { ColumnInfo } from '../../../shared/contract'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { MSSQL } from '../../../shared/engines/mssql'
import type { BoundValue, EditDialect } from '../edits/edit-dialect'
import { valueText } from '../edits/edit-dialect'

/** Types without `=` (text, ntext, image, xml, spatial), whose text is rounded (float, real), or a sql_variant (its text compares as nvarchar). */
const NOT_COMPARABLE = /^(text|ntext|image|xml|geography|geometry|float|real|sql_variant)\b/
/** String types: bound as they are (a CAST to varchar(n) would cut the value silently). */
const STRING = /^(n?varchar|n?char|n?text|sysname)\b/
const BINARY = /^(binary|varbinary|image|timestamp|rowversion)\b/

/** The declared type, without a computed column's expression. */
const declared = (column: ColumnInfo): string => column.dataType.replace(/\s+AS\s[\s\S]*$/i, '').toLowerCase()

/**
 * SQL Server's edits: `@pN` parameters (sent as nvarchar(max)), each converted to its column's
 * declared type: decimals keep their precision and scale, datetimeoffset/datetime2 their seven
 * digits, binary from hex (CONVERT style 2), bit as 1/0. Savepoints are SAVE TRANSACTION. Each
 * statement reads its own @@ROWCOUNT, so its count holds under SET NOCOUNT ON.
 */
export const MSSQL_EDIT_DIALECT: EditDialect = {
  engine: 'mssql',
  quoteIdentifier: (name) => quoteIdentifier('mssql', name),
  placeholder: (n) => `@p${n}`,
  bind: (value: BoundValue, column, placeholder) => {
    const type = declared(column)
    if (typeof value === 'object' && value.$ === 'bytes') {
      return { sql: `CONVERT(varbinary(max), ${placeholder}, 2)`, text: value.v }
    }
    const text = valueText(value, 'bits')
    if (STRING.test(type) || BINARY.test(type)) return { sql: placeholder, text }
    return { sql: `CAST(${placeholder} AS ${type})`, text }
  },
  comparable: (column) => !NOT_COMPARABLE.test(declared(column)),
  defaultValuesInsert: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  defaultKeyword: { insert: true, update: true },
  transactions: MSSQL.transactions,
  savepoints: {
    create: (name) => `SAVE TRANSACTION ${name}`,
    rollbackTo: (name) => `ROLLBACK TRANSACTION ${name}`,
    release: null,
  },
  // A session option set before the apply and restored after (SET LOCK_TIMEOUT takes no parameter:
  // the value restored is the integer @@LOCK_TIMEOUT answered, checked to be one).
  lockWait: {
    scope: 'session',
    read: 'SELECT @@LOCK_TIMEOUT',
    set: (ms) => `SET LOCK_TIMEOUT ${Math.max(1, Math.round(ms))}`,
    restore: ([previous = '']) => ({
      sql: `SET LOCK_TIMEOUT ${/^-?\d{1,10}$/.test(previous) ? previous : '-1'}`,
      params: [],
    }),
    timedOut: (error) => error.code === LOCK_REQUEST_TIMEOUT,
  },
  // SET NOCOUNT ON (the tab's session may have it) hides the statement's count; @@ROWCOUNT has it either way.
  counted: (sql) => `${sql}; SELECT @@ROWCOUNT`,
}

/** "Lock request time out period exceeded." */
const LOCK_REQUEST_TIMEOUT = '1222'
