import { DuckDBBlobValue, DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBDataChunk, DuckDBType, DuckDBValue } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { columnReader } from '../../../src/main/drivers/duckdb/duckdb-column-reader'
import { readBatch } from '../../../src/shared/contract/row-batch-reader'
import { ColumnarBatchWriter } from '../../../src/shared/contract/row-batch-columnar-writer'
import { RowBatchWriter } from '../../../src/shared/contract/row-batch-writer'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** The wire form of one node-API value, cell by cell: what the column reader must match byte for byte. */
function referenceCell(out: RowBatchWriter, cell: DuckDBValue): void {
  if (cell === null) return out.null()
  if (typeof cell === 'bigint')
    return cell >= -MAX_SAFE && cell <= MAX_SAFE ? out.number(Number(cell)) : out.intText(cell.toString())
  if (typeof cell === 'number') return Number.isFinite(cell) ? out.number(cell) : out.floatText(String(cell))
  if (typeof cell === 'boolean') return out.bool(cell)
  if (typeof cell === 'string') return out.text(cell)
  if (cell instanceof DuckDBBlobValue) return out.bytes(cell.bytes, 0, cell.bytes.length)
  return out.text(cell.toString())
}

/** Every row of a query: through the column readers (in pieces of `piece` rows) and cell by cell. */
async function bothWays(connection: DuckDBConnection, sql: string, piece: number) {
  const result = await connection.stream(sql)
  const types: DuckDBType[] = result.columnTypes()
  const chunks: DuckDBDataChunk[] = []
  for (;;) {
    const chunk = await result.fetchChunk()
    if (!chunk || chunk.rowCount === 0) break
    chunks.push(chunk)
  }
  const columnar = new ColumnarBatchWriter(types.length)
  const reference = new RowBatchWriter(types.length)
  const batches: { got: Uint8Array; want: Uint8Array }[] = []
  for (const chunk of chunks) {
    const readers = types.map((type, c) => columnReader(chunk, c, type))
    const values = types.map((_, c) => chunk.getColumnValues(c))
    for (let from = 0; from < chunk.rowCount; from += piece) {
      const to = Math.min(chunk.rowCount, from + piece)
      readers.forEach((read, c) => read(columnar.column(c), from, to))
      for (let r = from; r < to; r++) {
        for (const column of values) referenceCell(reference, column[r]!)
        reference.endRow()
      }
      batches.push({ got: columnar.finish(to - from), want: reference.finish() })
    }
  }
  return batches
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

describe('duckdb: column readers', () => {
  let instance: DuckDBInstance
  let connection: DuckDBConnection

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:')
    connection = await instance.connect()
  })
  afterAll(() => {
    connection?.closeSync()
    instance?.closeSync()
  })

  it('write the same bytes as the value-by-value path, over chunk boundaries, with NULLs', async () => {
    const sql = `
      SELECT (i % 256 - 128)::TINYINT AS ti, (i * 7 - 16000)::SMALLINT AS si, i::INTEGER AS int, (i * 1000003)::BIGINT AS bi,
        CASE WHEN i % 5 = 0 THEN 9223372036854775807 - i ELSE i END::BIGINT AS bi_edge,
        CASE WHEN i % 3 = 0 THEN 18446744073709551615 - i ELSE i END::UBIGINT AS ubi,
        (i % 256)::UTINYINT AS uti, i::USMALLINT AS usi, i::UINTEGER AS ui,
        (i / 3)::FLOAT AS f, CASE i % 4 WHEN 0 THEN 'inf'::DOUBLE WHEN 1 THEN '-0'::DOUBLE ELSE i / 7 END AS d,
        i % 2 = 0 AS b,
        CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN '' ELSE repeat('é😀x', i % 9) || i END AS txt,
        CASE WHEN i % 4 = 0 THEN NULL ELSE ('\\x00\\xFF' || repeat('a', i % 20))::BLOB END AS bl,
        (i / 100)::DECIMAL(10, 2) AS dec, ((i - 2500) / 1000)::DECIMAL(4, 3) AS dec4,
        ((i - 2500) * 1.5)::DECIMAL(9, 1) AS dec9, CASE WHEN i % 2 = 0 THEN -i END::DECIMAL(18, 0) AS dec18,
        ((i - 2500) * 123456789.123456)::DECIMAL(18, 6) AS dec18s, (i * 1e-30)::DECIMAL(38, 37) AS dec38, DATE '2024-01-01' + i::INTEGER AS dt,
        CASE i % 5 WHEN 0 THEN DATE '0001-01-01' + i::INTEGER WHEN 1 THEN DATE '9999-12-31' - i::INTEGER
          WHEN 2 THEN DATE '1969-12-31' - i::INTEGER * 400 WHEN 3 THEN 'infinity'::DATE ELSE DATE '0044-03-15' - 20000 END AS dt_edge,
        TIMESTAMP '2024-02-29 23:59:59.999999' + to_microseconds(i * 1234567) AS ts,
        CASE i % 6 WHEN 0 THEN TIMESTAMP '1969-12-31 23:59:59.5' - to_microseconds(i * 86400000000)
          WHEN 1 THEN TIMESTAMP '1677-09-21 00:12:43.145225' WHEN 2 THEN TIMESTAMP '2262-04-11 23:47:16.854775'
          WHEN 3 THEN 'infinity'::TIMESTAMP WHEN 4 THEN '-infinity'::TIMESTAMP ELSE TIMESTAMP '9999-12-31 23:59:59.1' END AS ts_edge, i::HUGEINT * 1000000000000000000000 AS hi
      FROM range(5000) t(i)`
    for (const piece of [5000, 777, 1]) {
      const batches = await bothWays(connection, sql, piece)
      expect(batches.length).toBeGreaterThan(1)
      for (const { got, want } of batches) expect(same(got, want)).toBe(true)
    }
  })

  it('reads every kind of cell exactly: int64 edges, -0, non-finite, empty text vs NULL, all bytes, long text', async () => {
    const [batch] = await bothWays(
      connection,
      `SELECT * FROM (VALUES
        (9007199254740991::BIGINT, -9007199254740992::BIGINT, '-0'::DOUBLE, 'nan'::DOUBLE, ''::VARCHAR,
         from_hex('00ff7f80'), repeat('ü', 5000), true),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))`,
      10,
    )
    const reader = readBatch(batch!.got)
    const first = reader.row(0)
    expect(first.slice(0, 2)).toEqual([2 ** 53 - 1, { $: 'int', v: '-9007199254740992' }])
    expect(Object.is(first[2], -0)).toBe(true)
    expect(first[3]).toEqual({ $: 'float', v: 'NaN' })
    expect(first[4]).toBe('')
    expect(first[5]).toEqual({ $: 'bytes', v: '00ff7f80', n: 4 })
    expect(first[6]).toBe('ü'.repeat(5000))
    expect(first[7]).toBe(true)
    expect(reader.row(1)).toEqual(Array.from({ length: 8 }, () => null))
  })

  it('reads a BLOB of all 256 byte values raw', async () => {
    const [batch] = await bothWays(
      connection,
      `SELECT from_hex((SELECT string_agg(printf('%02x', i), '' ORDER BY i) FROM range(256) t(i))) AS all_bytes`,
      10,
    )
    const hex = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex')
    expect(readBatch(batch!.got).cell(0, 0)).toEqual({ $: 'bytes', v: hex, n: 256 })
    expect(same(batch!.got, batch!.want)).toBe(true)
  })
})
