import { DuckDBTypeId, LIST, listValue } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBDataChunk, DuckDBListValue, DuckDBType } from '@duckdb/node-api'
import { columnReader, utcTimestampReader } from './duckdb-column-reader'
import type { ColumnReader } from './duckdb-column-reader'

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

/** Zone names DuckDB (ICU) treats as UTC: TIMESTAMPTZ text there is the UTC time and `+00`. */
const UTC_ZONES = new Set(
  ['UTC', 'UCT', 'GMT', 'GMT0', 'Zulu', 'Universal', 'Greenwich']
    .flatMap((z) => [z, `Etc/${z}`])
    .concat(['Etc/GMT+0', 'Etc/GMT-0']),
)

/** True when the session's TimeZone setting is UTC. */
export const isUtcZone = (zone: string | null): boolean => zone !== null && UTC_ZONES.has(zone)

/** The formatter connection, set to print in `zone` (the session's TimeZone) when one is known. */
export type Formatter = (zone: string | null) => Promise<DuckDBConnection>

/**
 * A reader per column of a chunk (see columnReader), its cells written into batches later, a
 * range of rows at a time. Columns DuckDB must print are cast now, in one statement per column on
 * `formatter` (a connection of their own: the query's connection is busy streaming, set to the
 * session's TimeZone `zone`), the column's values bound as one list parameter. TIMESTAMPTZ in a UTC
 * session is written from the stored microseconds instead (the same text, no cast).
 */
export async function chunkReaders(
  chunk: DuckDBDataChunk,
  types: readonly DuckDBType[],
  formatter: Formatter,
  zone: string | null = null,
): Promise<ColumnReader[]> {
  const readers: ColumnReader[] = []
  for (let column = 0; column < types.length; column++) {
    const type = types[column]!
    if (!CAST_BY_DUCKDB.has(type.typeId)) {
      readers.push(columnReader(chunk, column, type))
      continue
    }
    const utc = type.typeId === DuckDBTypeId.TIMESTAMP_TZ && isUtcZone(zone) ? utcTimestampReader(chunk, column) : null
    if (utc) {
      readers.push(utc)
      continue
    }
    const values = chunk.getColumnValues(column)
    const cast = await (
      await formatter(zone)
    ).runAndReadAll('SELECT CAST($1 AS VARCHAR[])', [listValue(values)], [LIST(type)])
    readers.push(columnReader(chunk, column, type, (cast.getRows()[0]?.[0] as DuckDBListValue).items))
  }
  return readers
}
