import { DuckDBBlobValue, DuckDBTypeId, LIST, listValue } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBDataChunk, DuckDBListValue, DuckDBType, DuckDBValue } from '@duckdb/node-api'
import type { RowBatchWriter } from '../../../shared/contract/row-batch-writer'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = -MAX_SAFE

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

/**
 * One cell as the node API reads it (or the text DuckDB cast it to), appended to a row batch in
 * its exact wire form (see WireValue): integers exact (digits beyond ±2^53), non-finite floats
 * tagged, BLOBs as bytes, and every other value as the text DuckDB prints for it (DECIMAL(38)
 * digits, INTERVAL, UUID, dates and times).
 */
export function writeCell(out: RowBatchWriter, cell: DuckDBValue): void {
  switch (typeof cell) {
    case 'bigint':
      return cell >= MIN_SAFE && cell <= MAX_SAFE ? out.number(Number(cell)) : out.intText(cell.toString())
    case 'number':
      return Number.isFinite(cell) ? out.number(cell) : out.floatText(String(cell))
    case 'boolean':
      return out.bool(cell)
    case 'string':
      return out.text(cell)
    default:
      if (cell === null) return out.null()
      if (cell instanceof DuckDBBlobValue) return out.bytes(cell.bytes, 0, cell.bytes.length)
      return out.text(cell.toString())
  }
}

/**
 * The values of a chunk, column by column. Columns DuckDB must print are cast in one statement
 * per column on `formatter` (a connection of their own: the query's connection is busy
 * streaming), the column's values bound as one list parameter.
 */
export async function chunkColumns(
  chunk: DuckDBDataChunk,
  types: readonly DuckDBType[],
  formatter: () => Promise<DuckDBConnection>,
): Promise<(readonly DuckDBValue[])[]> {
  const columns: (readonly DuckDBValue[])[] = []
  for (let column = 0; column < types.length; column++) {
    const type = types[column]!
    const values = chunk.getColumnValues(column)
    if (!CAST_BY_DUCKDB.has(type.typeId)) {
      columns.push(values)
      continue
    }
    const cast = await (
      await formatter()
    ).runAndReadAll('SELECT CAST($1 AS VARCHAR[])', [listValue(values)], [LIST(type)])
    columns.push((cast.getRows()[0]?.[0] as DuckDBListValue).items)
  }
  return columns
}
