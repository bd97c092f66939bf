import { DuckDBBlobValue, DuckDBTypeId, LIST, listValue } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBDataChunk, DuckDBListValue, DuckDBType, DuckDBValue } from '@duckdb/node-api'
import type { EncodedRows } from '../../../shared/contract'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = -MAX_SAFE
/** Characters a JSON string literal must escape (lone surrogates too, as JSON.stringify does). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * Types whose text DuckDB itself writes (a VARCHAR cast, as its CLI prints them): nested values,
 * whose quoting rules are DuckDB's own and read back by the same cast, and TIMESTAMPTZ/TIMETZ,
 * which DuckDB prints in the session's time zone.
 */
const CAST_BY_DUCKDB = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.UNION,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.VARIANT,
  DuckDBTypeId.GEOMETRY,
])

const stringJson = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`)

/**
 * One cell as the node API reads it, written straight to its JSON wire form (see WireValue):
 * integers exact (tagged beyond ±2^53), non-finite floats tagged, BLOBs as bytes, and every other
 * value as the text DuckDB prints for it (DECIMAL(38) digits, INTERVAL, UUID, dates and times).
 */
export function cellJson(cell: DuckDBValue): string {
  switch (typeof cell) {
    case 'bigint':
      return cell >= MIN_SAFE && cell <= MAX_SAFE ? cell.toString() : `{"$":"int","v":"${cell}"}`
    case 'number':
      return Number.isFinite(cell) ? String(cell) : `{"$":"float","v":"${cell}"}`
    case 'boolean':
      return cell ? 'true' : 'false'
    case 'string':
      return stringJson(cell)
    default:
      if (cell === null) return 'null'
      if (cell instanceof DuckDBBlobValue) {
        return `{"$":"bytes","v":"${Buffer.from(cell.bytes).toString('hex')}","n":${cell.bytes.length}}`
      }
      return stringJson(cell.toString())
  }
}

/**
 * The rows of a chunk as JSON row texts. Columns DuckDB must print are cast in one
 * statement per column on `formatter` (a connection of their own: the query's connection is busy
 * streaming), the column's values bound as one list parameter.
 */
export async function chunkRowsJson(
  chunk: DuckDBDataChunk,
  types: readonly DuckDBType[],
  formatter: () => Promise<DuckDBConnection>,
): Promise<string[]> {
  const columns: string[][] = []
  for (let column = 0; column < types.length; column++) {
    const type = types[column]!
    const values = chunk.getColumnValues(column)
    if (!CAST_BY_DUCKDB.has(type.typeId)) {
      columns.push(values.map(cellJson))
      continue
    }
    const cast = await (
      await formatter()
    ).runAndReadAll('SELECT CAST($1 AS VARCHAR[])', [listValue(values)], [LIST(type)])
    const texts = (cast.getRows()[0]?.[0] as DuckDBListValue).items
    columns.push(texts.map(cellJson))
  }
  const rows: string[] = []
  for (let row = 0; row < chunk.rowCount; row++) {
    let text = '['
    for (let column = 0; column < columns.length; column++) text += (column === 0 ? '' : ',') + columns[column]![row]
    rows.push(`${text}]`)
  }
  return rows
}

export const encodeBatch = (rows: readonly string[]): EncodedRows => `[${rows.join(',')}]` as EncodedRows
