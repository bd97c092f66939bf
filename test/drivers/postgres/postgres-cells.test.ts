import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { PortalStatement } from '../../../src/main/drivers/postgres/postgres-portal'
import { keepRowBytes, RawDataRow } from '../../../src/main/drivers/postgres/postgres-raw-rows'
import { decodeRows } from '../../../src/shared/contract'
import type { WireValue } from '../../../src/shared/contract'

const OID = { bool: 16, bytea: 17, int8: 20, int2: 21, int4: 23, text: 25, oid: 26, json: 114, float4: 700 }
const FLOAT8 = 701
const NUMERIC = 1700

/** A DataRow message ('D', length, field count, then length-prefixed fields; -1 for NULL). */
function dataRow(fields: (string | Buffer | null)[]): Buffer {
  const parts = fields.map((field) => {
    if (field === null) return Buffer.from([0xff, 0xff, 0xff, 0xff])
    const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : field
    const head = Buffer.alloc(4)
    head.writeInt32BE(bytes.length)
    return Buffer.concat([head, bytes])
  })
  const body = Buffer.concat([Buffer.from([fields.length >> 8, fields.length & 0xff]), ...parts])
  const head = Buffer.alloc(5)
  head[0] = 0x44
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

/** The rows a portal writes for these DataRows, read from their bytes (raw) or from pg's strings. */
async function portalRows(types: number[], rows: (string | null)[][], raw: boolean): Promise<WireValue[][]> {
  const portal = new PortalStatement('SELECT', 100)
  portal.handleRowDescription({
    fields: types.map((dataTypeID, i) => ({ name: `c${i}`, dataTypeID, dataTypeModifier: -1 })),
  })
  for (const row of rows) {
    const message = dataRow(row)
    // Inside a bigger buffer, as the parser's: the row is read where it lies.
    const buffer = Buffer.concat([Buffer.from('junk'), message])
    portal.handleDataRow(raw ? new RawDataRow(buffer, 4 + 5, message.length - 1) : { fields: row })
  }
  portal.handleCommandComplete({ text: `SELECT ${rows.length}` })
  const batch = await portal.first
  expect(batch.count).toBe(rows.length)
  return batch.rows ? decodeRows(batch.rows) : []
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
const escapeBytea = (bytes: Buffer): string =>
  [...bytes]
    .map((b) =>
      b === 92 ? '\\\\' : b >= 32 && b < 127 ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`,
    )
    .join('')

/** Type, the server's text (null for NULL), the wire value it must become. */
const CASES: [number, string | null, WireValue][] = [
  [OID.text, '', ''],
  [OID.text, null, null],
  [OID.text, 'NULL', 'NULL'],
  [OID.text, 'héllo ✓ 🎉 日本語', 'héllo ✓ 🎉 日本語'],
  [OID.text, '\ufeffstarts with U+FEFF', '\ufeffstarts with U+FEFF'],
  [OID.text, 'q " \\ \n\t\u0000', 'q " \\ \n\t\u0000'],
  [OID.json, '{"a": [1, 2.50, "x"]}', '{"a": [1, 2.50, "x"]}'],
  [NUMERIC, '1234567890123456789012345678.0123456789', '1234567890123456789012345678.0123456789'],
  [NUMERIC, 'NaN', 'NaN'],
  [OID.int2, '-32768', -32768],
  [OID.int4, '2147483647', 2147483647],
  [OID.int4, '-2147483648', -2147483648],
  [OID.oid, '4294967295', 4294967295],
  [OID.int8, '0', 0],
  [OID.int8, '9007199254740991', 9007199254740991],
  [OID.int8, '-9007199254740991', -9007199254740991],
  [OID.int8, '9007199254740992', { $: 'int', v: '9007199254740992' }],
  [OID.int8, '-9007199254740992', { $: 'int', v: '-9007199254740992' }],
  [OID.int8, '1000000000000000', 1000000000000000],
  [OID.int8, '9223372036854775807', { $: 'int', v: '9223372036854775807' }],
  [OID.int8, '-9223372036854775808', { $: 'int', v: '-9223372036854775808' }],
  [FLOAT8, '-0', { $: 'float', v: '-0' }],
  [FLOAT8, 'NaN', { $: 'float', v: 'NaN' }],
  [FLOAT8, 'Infinity', { $: 'float', v: 'Infinity' }],
  [FLOAT8, '-Infinity', { $: 'float', v: '-Infinity' }],
  [FLOAT8, '0', 0],
  [FLOAT8, '5e-324', 5e-324],
  [FLOAT8, '1.7976931348623157e+308', 1.7976931348623157e308],
  [FLOAT8, '0.30000000000000004', 0.30000000000000004],
  [OID.float4, '0.1', 0.1],
  [OID.bool, 't', true],
  [OID.bool, 'f', false],
  [OID.bytea, '\\x', { $: 'bytes', v: '', n: 0 }],
  [OID.bytea, '\\x00FF10', { $: 'bytes', v: '00ff10', n: 3 }],
  [OID.bytea, `\\x${ALL_BYTES.toString('hex')}`, { $: 'bytes', v: ALL_BYTES.toString('hex'), n: 256 }],
  [OID.bytea, escapeBytea(ALL_BYTES), { $: 'bytes', v: ALL_BYTES.toString('hex'), n: 256 }],
  [OID.bytea, 'a\\\\b\\000\\377', { $: 'bytes', v: '615c6200ff', n: 5 }],
]

describe('postgres: DataRow cells into a row batch', () => {
  it.each([true, false])('writes every kind exactly (from the bytes: %s)', async (raw) => {
    const rows = await portalRows(
      CASES.map(([type]) => type),
      [CASES.map(([, text]) => text)],
      raw,
    )
    CASES.forEach(([type, text, value], i) => expect(rows[0]![i], `${type} ${text}`).toStrictEqual(value))
  })

  it('keeps huge values whole', async () => {
    const text = 'é✓🎉x'.repeat(500_000)
    const bytes = Buffer.alloc(1 << 20, 0xab)
    for (const raw of [true, false]) {
      const rows = await portalRows([OID.text, OID.bytea], [[text, `\\x${bytes.toString('hex')}`]], raw)
      expect(rows[0]![0]).toBe(text)
      expect(rows[0]![1]).toStrictEqual({ $: 'bytes', v: bytes.toString('hex'), n: bytes.length })
    }
  })

  it('reuses its buffers: each Execute is its own batch, nothing left over from the last', async () => {
    const portal = new PortalStatement('SELECT', 2)
    portal.handleRowDescription({
      fields: [
        { name: 'a', dataTypeID: OID.int8, dataTypeModifier: -1 },
        { name: 'b', dataTypeID: OID.text, dataTypeModifier: -1 },
      ],
    })
    const send = (a: string, b: string | null) => {
      const message = dataRow([a, b])
      portal.handleDataRow(new RawDataRow(message, 5, message.length - 1))
    }
    send('1', 'long text '.repeat(100))
    send('9223372036854775807', null)
    portal.handlePortalSuspended()
    const first = await portal.first
    send('3', '')
    portal.handleCommandComplete({ text: 'SELECT 3' })
    const second = await portal.fetch(2)
    expect(decodeRows(first.rows!)).toStrictEqual([
      [1, 'long text '.repeat(100)],
      [{ $: 'int', v: '9223372036854775807' }, null],
    ])
    expect(second.done).toBe(true)
    expect(decodeRows(second.rows!)).toStrictEqual([[3, '']])
  })
})

describe('postgres: DataRow messages that keep their bytes', () => {
  it("decode `fields` as pg-protocol does, for pg's own readers", () => {
    const message = dataRow(['héllo', null, '', '🎉'])
    const row = new RawDataRow(message, 5, message.length - 1)
    expect(row.name).toBe('dataRow')
    expect(row.fields).toStrictEqual(['héllo', null, '', '🎉'])
    expect(row.fields).toBe(row.fields)
  })

  it("hand DataRow over raw and every other message as pg-protocol's, even split across chunks", () => {
    const connection = Object.assign(new EventEmitter(), {
      attachListeners(_stream: unknown): void {
        throw new Error('replaced')
      },
    })
    keepRowBytes(connection)
    const seen: unknown[] = []
    const rows = new Set<RawDataRow>()
    connection.on('dataRow', (message: RawDataRow) => {
      rows.add(message)
      seen.push(['row', message instanceof RawDataRow, message.fields])
    })
    connection.on('commandComplete', (message: { text: string }) => seen.push(['done', message.text]))
    const stream = new EventEmitter()
    connection.attachListeners(stream)
    const complete = Buffer.concat([Buffer.from([0x43, 0, 0, 0, 13]), Buffer.from('SELECT 1\0')])
    const wire = Buffer.concat([dataRow(['1', 'a']), dataRow([null, 'é✓']), complete])
    stream.emit('data', wire.subarray(0, 7))
    stream.emit('data', wire.subarray(7, 20))
    stream.emit('data', wire.subarray(20))
    expect(seen).toStrictEqual([
      ['row', true, ['1', 'a']],
      ['row', true, [null, 'é✓']],
      ['done', 'SELECT 1'],
    ])
    expect(rows.size).toBe(1) // one message object, pointed at each row in turn
  })

  it('leaves a connection without the hook as it is', () => {
    const connection = {}
    keepRowBytes(connection)
    expect(connection).toStrictEqual({})
  })
})
