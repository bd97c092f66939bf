import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { installExactValues } from '../../../src/main/drivers/mssql/mssql-exact-values'
import type { TdsColumnMetadata } from '../../../src/main/drivers/mssql/mssql-exact-values'
import { converters, resultColumns, wireRow } from '../../../src/main/drivers/mssql/mssql-values'
import type { MssqlColumn } from '../../../src/main/drivers/mssql/mssql-client'
import { spatialText } from '../../../src/main/drivers/mssql/mssql-spatial'

/** tedious's own value reader (the one its row parsers call), after the driver wrapped it. */
const tedious = createRequire(import.meta.url)('tedious/lib/value-parser') as {
  readValue(
    buf: Buffer,
    offset: number,
    metadata: TdsColumnMetadata,
    options: object,
  ): { value: unknown; offset: number }
}
const OPTIONS = { useUTC: true, lowerCaseGuids: false }

/** Reads one value of a type from its TDS bytes, as a row of a result would. */
function read(name: string, bytes: number[] | Buffer, scale?: number): unknown {
  const buf = Buffer.from(bytes)
  const result = tedious.readValue(buf, 0, { type: { name }, ...(scale === undefined ? {} : { scale }) }, OPTIONS)
  expect(result.offset).toBe(buf.length) // every byte consumed, nothing more
  return result.value
}

const le = (value: bigint, bytes: number): number[] =>
  Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn))

/** decimal(p,s) bytes: length, sign (1 = positive), 16-byte magnitude. */
const decimal = (unscaled: bigint): number[] => [
  17,
  unscaled < 0n ? 0 : 1,
  ...le(unscaled < 0n ? -unscaled : unscaled, 16),
]

/** A time part at a scale: units of 10^-scale s, in 3, 4 or 5 bytes. */
const time = (units: bigint, scale: number) => le(units, scale <= 2 ? 3 : scale <= 4 ? 4 : 5)
const DAYS_TO_2024_05_01 = 739_006 // days from 0001-01-01

describe('SQL Server values from TDS bytes', () => {
  it('installs the exact reader into tedious', () => {
    expect(installExactValues()).toBe(true)
  })

  it('keeps decimal(38,x) exact, sign and scale as SQL Server prints them', () => {
    installExactValues()
    expect(read('DecimalN', decimal(12345678901234567890123456789012345678n), 10)).toBe(
      '1234567890123456789012345678.9012345678',
    )
    expect(read('NumericN', decimal(-5n), 3)).toBe('-0.005')
    expect(read('DecimalN', decimal(0n), 2)).toBe('0.00')
    expect(read('DecimalN', decimal(42n), 0)).toBe('42')
    expect(read('DecimalN', [0])).toBeNull()
    // Short forms: 5 bytes for precision ≤ 9.
    expect(read('DecimalN', [5, 1, ...le(123456789n, 4)], 4)).toBe('12345.6789')
  })

  it('prints money with its 4 decimals, exact at the extremes', () => {
    installExactValues()
    const money = (units: bigint) => {
      const raw = BigInt.asUintN(64, units)
      return [...le(raw >> 32n, 4), ...le(raw & 0xffffffffn, 4)]
    }
    expect(read('Money', money(9223372036854775807n))).toBe('922337203685477.5807')
    expect(read('Money', money(-9223372036854775808n))).toBe('-922337203685477.5808')
    expect(read('MoneyN', [8, ...money(12300n)])).toBe('1.2300')
    expect(read('SmallMoney', le(BigInt.asUintN(32, -1n), 4))).toBe('-0.0001')
  })

  it('keeps datetime2(7) and time(7) to the 100 ns, date as yyyy-mm-dd', () => {
    installExactValues()
    const units = ((12n * 60n + 34n) * 60n + 56n) * 10_000_000n + 1_234_567n
    expect(read('DateTime2', [8, ...time(units, 7), ...le(BigInt(DAYS_TO_2024_05_01), 3)], 7)).toBe(
      '2024-05-01 12:34:56.1234567',
    )
    expect(read('Time', [5, ...time(units, 7)], 7)).toBe('12:34:56.1234567')
    expect(read('Time', [3, ...time(45296n, 0)], 0)).toBe('12:34:56')
    expect(read('Date', [3, ...le(0n, 3)])).toBe('0001-01-01')
    expect(read('Date', [3, ...le(3_652_058n, 3)])).toBe('9999-12-31')
  })

  it('prints datetimeoffset in its own offset, offset kept', () => {
    installExactValues()
    // 2024-05-01 23:30:00 UTC at +02:00 is 2024-05-02 01:30:00 +02:00.
    const utc = (23n * 3600n + 30n * 60n) * 10_000_000n
    const bytes = [10, ...time(utc, 7), ...le(BigInt(DAYS_TO_2024_05_01), 3), ...le(120n, 2)]
    expect(read('DateTimeOffset', bytes, 7)).toBe('2024-05-02 01:30:00.0000000 +02:00')
    const west = [
      10,
      ...time(30n * 60n * 10_000_000n, 7),
      ...le(BigInt(DAYS_TO_2024_05_01), 3),
      ...le(BigInt.asUintN(16, -330n), 2),
    ]
    expect(read('DateTimeOffset', west, 7)).toBe('2024-04-30 19:00:00.0000000 -05:30')
  })

  it('rounds datetime ticks to milliseconds as SQL Server does, smalldatetime to the minute', () => {
    installExactValues()
    const days = BigInt(DAYS_TO_2024_05_01 - 693_595) // since 1900-01-01
    expect(read('DateTime', [...le(days, 4), ...le(299n, 4)])).toBe('2024-05-01 00:00:00.997')
    expect(read('DateTimeN', [8, ...le(days, 4), ...le(1n, 4)])).toBe('2024-05-01 00:00:00.003')
    expect(read('SmallDateTime', [...le(days, 2), ...le(61n, 2)])).toBe('2024-05-01 01:01:00')
  })

  it('reads sql_variant holding decimal and datetime2 exactly', () => {
    installExactValues()
    const inner = [0x6a, 2, 38, 4, 1, ...le(123456n, 16)]
    expect(read('Variant', [...le(BigInt(inner.length), 4), ...inner])).toBe('12.3456')
    const dt2 = [0x2a, 1, 7, ...time(0n, 7), ...le(BigInt(DAYS_TO_2024_05_01), 3)]
    expect(read('Variant', [...le(BigInt(dt2.length), 4), ...dt2])).toBe('2024-05-01 00:00:00.0000000')
  })

  it('leaves what tedious reads exactly alone: bigint as text, guid upper case', () => {
    installExactValues()
    expect(read('BigInt', le(BigInt.asUintN(64, -9007199254740993n), 8))).toBe('-9007199254740993')
    const guid = Buffer.from('78563412341278560102030405060708', 'hex')
    expect(read('UniqueIdentifier', [16, ...guid])).toBe('12345678-1234-5678-0102-030405060708')
  })
})

const column = (declaration: string, extra: Partial<MssqlColumn> = {}): MssqlColumn => ({
  name: declaration,
  type: { declaration },
  ...extra,
})

describe('SQL Server cells as wire values', () => {
  const columns = [
    column('bigint'),
    column('bit'),
    column('real'),
    column('varbinary', { length: 65_535 }),
    column('nvarchar', { length: 100 }),
    column('decimal', { precision: 38, scale: 10 }),
    column('datetime2', { scale: 7 }),
    column('geography', { udt: { name: 'geography' } }),
  ]

  it('names types as SQL Server declares them', () => {
    expect(resultColumns(columns).map((c) => c.type)).toEqual([
      'bigint',
      'bit',
      'real',
      'varbinary(max)',
      'nvarchar(50)',
      'decimal(38,10)',
      'datetime2(7)',
      'geography',
    ])
  })

  it('keeps bigint exact, bit as 1/0, real in its shortest form, bytes as hex, NULL apart from empty', () => {
    const convert = converters(columns)
    const point = Buffer.from('e6100000010c000000000000f03f0000000000000040', 'hex') // lat 1, long 2
    const row = wireRow(
      ['9223372036854775807', true, Math.fround(0.1), Buffer.from([0, 255]), '', null, '1.5', point],
      convert,
    )
    expect(row).toEqual([
      { $: 'int', v: '9223372036854775807' },
      1,
      0.1,
      { $: 'bytes', v: '00ff', n: 2 },
      '',
      null,
      '1.5',
      'POINT (2 1)',
    ])
    expect(wireRow(['42', false, null, null, null, null, null, null], convert).slice(0, 2)).toEqual([42, 0])
  })
})

describe('SQL Server spatial values as WKT', () => {
  it('reads points, lines and polygons of geometry', () => {
    const line = Buffer.from('00000000011400000000000000000000000000000000000000000000f03f000000000000f03f', 'hex')
    expect(spatialText(line, false)).toBe('LINESTRING (0 0, 1 1)')
    // POLYGON ((0 0, 2 0, 2 2, 0 0)): 4 points, 1 figure (exterior ring), 1 shape (polygon).
    const points = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 0],
    ].flatMap(([x, y]) => {
      const b = Buffer.alloc(16)
      b.writeDoubleLE(x!, 0)
      b.writeDoubleLE(y!, 8)
      return [...b]
    })
    const polygon = Buffer.from([
      ...le(0n, 4),
      1,
      0x04,
      ...le(4n, 4),
      ...points,
      ...le(1n, 4),
      2,
      ...le(0n, 4),
      ...le(1n, 4),
      ...le(BigInt.asUintN(32, -1n), 4),
      ...le(0n, 4),
      3,
    ])
    expect(spatialText(polygon, false)).toBe('POLYGON ((0 0, 2 0, 2 2, 0 0))')
  })

  it('returns null for bytes it cannot read, so they show as hex', () => {
    expect(spatialText(Buffer.from([1, 2, 3]), false)).toBeNull()
    expect(spatialText(Buffer.from('0000000009ff', 'hex'), false)).toBeNull()
  })
})
