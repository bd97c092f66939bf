import { HEADER_BYTES, KIND_DICT, KIND_PACKED, KIND_TEXT32, KIND_TEXT_FIXED, RowBatchError } from './row-batch'
import type { RowBatchReader } from './row-batch-reader'
import { decompressBlock } from './lz-block'
import type { WireValue } from './values'

/**
 * Reading the encoded kinds (KIND_DICT, KIND_PACKED; layout in row-batch.ts). A packed column is
 * unpacked when one of its cells is first read and kept among the recently read columns (at most
 * UNPACKED_BUDGET bytes across every batch), so scrolling, copy, sort and export, which read cells
 * batch by batch, unpack each column about once while memory holds the batches as received.
 */

/** One encoded column of an opened batch. */
export interface EncodedColumnReader {
  cell(row: number): WireValue
  column(): WireValue[]
}

/** Bytes of unpacked columns kept across all batches (the least recently read are dropped first). */
export const UNPACKED_BUDGET = 8 << 20
/** An unpacked column may be at most this many times its packed size (the codec's own bound is 255×). */
const MOST_RATIO = 256

/** The sections of an encoded column for the reader's checks: [payload size 0, [offset, bytes, what]...]. */
export function encodedSections(
  view: DataView,
  kind: number,
  [a, b, c]: readonly [number, number, number],
  rows: number,
): [number, number, string][] {
  if (kind === KIND_PACKED) {
    if (b > a * MOST_RATIO + 64) throw new RowBatchError(`a packed column of ${a} bytes claims ${b} unpacked`)
    return [[c, a, 'packed']]
  }
  const sections: [number, number, string][] = [[b, rows, 'code']]
  if (a !== 0) sections.push([a, (rows + 7) >> 3, 'null'])
  const nested = c + HEADER_BYTES <= view.byteLength ? view.getUint32(c + 12, true) : HEADER_BYTES
  sections.push([c, Math.max(nested, HEADER_BYTES), 'dictionary'])
  return sections
}

/** Opens an encoded column (sections already checked to lie inside the batch). */
export function encodedColumn(
  open: (batch: Uint8Array) => RowBatchReader,
  bytes: Uint8Array,
  kind: number,
  [a, b, c]: readonly [number, number, number],
  rows: number,
): EncodedColumnReader {
  if (kind === KIND_DICT) return new DictColumn(open, bytes, a, b, c, rows)
  return new PackedColumn(open, bytes, a, b, c, rows)
}

/** A nested batch's reader, checked to hold `rows` rows (-1: any) of one plain column. */
function nested(open: (batch: Uint8Array) => RowBatchReader, batch: Uint8Array, rows: number): RowBatchReader {
  const reader = open(batch)
  if (reader.columnCount !== 1 || (rows >= 0 && reader.rowCount !== rows))
    throw new RowBatchError(`a nested batch of ${reader.rowCount}×${reader.columnCount} where ${rows}×1 belongs`)
  const kind = new DataView(batch.buffer, batch.byteOffset + HEADER_BYTES, 4).getUint32(0, true)
  if (kind === KIND_DICT || kind === KIND_PACKED) throw new RowBatchError(`a nested batch of kind ${kind}`)
  // A dictionary holds text (or nothing, when every row is NULL).
  if (rows < 0 && reader.rowCount > 0 && !(kind >= KIND_TEXT32 && kind <= KIND_TEXT_FIXED))
    throw new RowBatchError(`a dictionary of kind ${kind} is not text`)
  return reader
}

class DictColumn implements EncodedColumnReader {
  private values: RowBatchReader | null = null
  private readonly decoded: WireValue[] = []

  constructor(
    private readonly open: (batch: Uint8Array) => RowBatchReader,
    private readonly bytes: Uint8Array,
    private readonly nulls: number,
    private readonly codes: number,
    private readonly at: number,
    private readonly rows: number,
  ) {}

  cell(row: number): WireValue {
    const { bytes, nulls } = this
    if (nulls !== 0 && (bytes[nulls + (row >> 3)]! & (1 << (row & 7))) !== 0) return null
    const code = bytes[this.codes + row]!
    const known = this.decoded[code]
    if (known !== undefined) return known
    const values = (this.values ??= this.openValues())
    if (code >= values.rowCount)
      throw new RowBatchError(`code ${code} of row ${row} is past a dictionary of ${values.rowCount}`)
    return (this.decoded[code] = values.cell(code, 0))
  }

  column(): WireValue[] {
    const cells = new Array<WireValue>(this.rows)
    for (let r = 0; r < this.rows; r++) cells[r] = this.cell(r)
    return cells
  }

  private openValues(): RowBatchReader {
    return nested(this.open, dictionaryOf(this.bytes, this.at), -1)
  }
}

/** Unpacked columns in use, newest last; their total size stays within UNPACKED_BUDGET. */
const unpacked: PackedColumn[] = []
let unpackedBytes = 0
let clock = 0

class PackedColumn implements EncodedColumnReader {
  private reader: RowBatchReader | null = null
  stamp = 0

  constructor(
    private readonly open: (batch: Uint8Array) => RowBatchReader,
    private readonly bytes: Uint8Array,
    private readonly packedBytes: number,
    readonly unpackedBytes: number,
    private readonly at: number,
    private readonly rows: number,
  ) {}

  cell(row: number): WireValue {
    return this.unpack().cell(row, 0)
  }

  column(): WireValue[] {
    return this.unpack().column(0)
  }

  /** Drops the unpacked column (the budget needs its room). */
  forget(): void {
    this.reader = null
  }

  private unpack(): RowBatchReader {
    this.stamp = ++clock
    if (this.reader) return this.reader
    const batch = decompressBlock(this.bytes, this.at, this.at + this.packedBytes, this.unpackedBytes)
    const reader = nested(this.open, batch, this.rows)
    keep(this)
    return (this.reader = reader)
  }
}

/** Bytes of unpacked columns held now (tests; at most UNPACKED_BUDGET beyond the newest column). */
export const unpackedBytesHeld = (): number => unpackedBytes

function keep(column: PackedColumn): void {
  unpacked.push(column)
  unpackedBytes += column.unpackedBytes
  while (unpackedBytes > UNPACKED_BUDGET && unpacked.length > 1) {
    let oldest = 0
    for (let i = 1; i < unpacked.length - 1; i++) if (unpacked[i]!.stamp < unpacked[oldest]!.stamp) oldest = i
    const [dropped] = unpacked.splice(oldest, 1)
    unpackedBytes -= dropped!.unpackedBytes
    dropped!.forget()
  }
}

/** The unpacked bytes of a PACKED column (a one-column batch), for readers that hold them themselves. */
export function unpackColumn(bytes: Uint8Array, [a, b, c]: readonly [number, number, number]): Uint8Array {
  return decompressBlock(bytes, c, c + a, b)
}

/** The dictionary of a DICT column (a one-column batch) as a view of the batch. */
export function dictionaryOf(bytes: Uint8Array, c: number): Uint8Array {
  return bytes.subarray(c, c + new DataView(bytes.buffer, bytes.byteOffset + c + 12, 4).getUint32(0, true))
}
