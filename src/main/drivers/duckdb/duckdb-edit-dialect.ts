import { DUCKDB } from '../../../shared/engines/duckdb'
import type { BoundValue, EditDialect } from '../edits/edit-dialect'
import { valueText } from '../edits/edit-dialect'
import { quoteIdentifier } from './duckdb-target'

/**
 * DuckDB's edits: `?` placeholders bound as VARCHAR, each cast to its column's declared type
 * (DuckDB's VARCHAR(n) does not cut, so the type is kept whole: DECIMAL(38,10), HUGEINT, UBIGINT,
 * TIMESTAMP WITH TIME ZONE…); BLOBs from hex. DuckDB has no savepoints: edits inside an open
 * transaction are refused rather than risk it.
 */
export const DUCKDB_EDIT_DIALECT: EditDialect = {
  engine: 'duckdb',
  quoteIdentifier,
  placeholder: () => '?',
  bind: (value: BoundValue, column, placeholder) => {
    if (typeof value === 'object' && value.$ === 'bytes') return { sql: `unhex(${placeholder})`, text: value.v }
    return { sql: `CAST(${placeholder} AS ${column.dataType})`, text: valueText(value) }
  },
  comparable: () => true,
  defaultValuesInsert: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  defaultKeyword: { insert: true, update: true },
  transactions: DUCKDB.transactions,
  savepoints: null,
}
