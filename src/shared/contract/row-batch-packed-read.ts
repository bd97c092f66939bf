import { HEADER_BYTES, KIND_DICT, KIND_PACKED, KIND_TEXT32, KIND_TEXT_FIXED, RowBatchError } from './row-batch'
import type { RowBatchReader } from './row-batch-reader'
import { decompressBlock } from './lz-block'
import type { WireValue } from './values'

/**
 * Reading the encoded kinds (KIND_DICT, KIND_PACKED; layout in row-batch.ts). A packed column's
 * group is unpacked when one of its cells is first read and kept among the recently read groups
 * (at most UNPACKED_BUDGET bytes across every batch), so scrolling, copy, sort and export unpack
 * each group about once, and a sorted view reading rows of many batches unpacks only their groups.
 */

/** One encoded column of an opened batch. */
export interface EncodedColumnReader {
  cell(row: number): WireValue
  column(): WireValue[]
}

/** Bytes of unpacked groups kept across all batches (the least recently read are dropped first). */
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
    // The group table inside is checked when the column is first read (packedGroups).
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
  return new PackedColumn(open, bytes, [a, b, c], rows)
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

/** A packed column's group table (row-batch.ts): rows per group, and per group its packed bytes and unpacked size. */
export interface PackedGroups {
  groupRows: number
  /** Per group: start and end of its packed bytes in the batch, its unpacked size, its rows. */
  groups: { from: number; to: number; size: number; rows: number }[]
}

/** Reads and checks a PACKED column's group table (its section already checked to lie in the batch). */
export function packedGroups(
  bytes: Uint8Array,
  [a, b, c]: readonly [number, number, number],
  rows: number,
): PackedGroups {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (a < 8) throw new RowBatchError(`a packed column of ${a} bytes has no group table`)
  const groupRows = view.getUint32(c, true)
  const count = view.getUint32(c + 4, true)
  if (groupRows === 0 || count !== Math.ceil(rows / groupRows))
    throw new RowBatchError(`a packed column of ${rows} rows claims ${count} groups of ${groupRows}`)
  const table = 8 + count * 8
  if (table + ((8 - (table % 8)) % 8) > a)
    throw new RowBatchError(`a packed column's table of ${count} groups is past its ${a} bytes`)
  let at = c + table + ((8 - (table % 8)) % 8)
  let total = 0
  const groups: PackedGroups['groups'] = []
  for (let g = 0; g < count; g++) {
    const packed = view.getUint32(c + 8 + g * 8, true)
    const size = view.getUint32(c + 12 + g * 8, true)
    if (at + packed > c + a) throw new RowBatchError(`packed group ${g} (+${packed}) is past its column's ${a} bytes`)
    if (size > packed * MOST_RATIO + 64)
      throw new RowBatchError(`a packed group of ${packed} bytes claims ${size} unpacked`)
    groups.push({ from: at, to: at + packed, size, rows: Math.min(groupRows, rows - g * groupRows) })
    at += packed
    total += size
  }
  if (total !== b) throw new RowBatchError(`a packed column's groups hold ${total} bytes where ${b} are claimed`)
  return { groupRows, groups }
}

/** Unpacked groups in use, newest last; their total size stays within UNPACKED_BUDGET. */
const unpacked: PackedGroup[] = []
let unpackedBytes = 0
let clock = 0

class PackedColumn implements EncodedColumnReader {
  private table: PackedGroups | null = null
  private groups: PackedGroup[] = []

  constructor(
    private readonly open: (batch: Uint8Array) => RowBatchReader,
    private readonly bytes: Uint8Array,
    private readonly section: readonly [number, number, number],
    private readonly rows: number,
  ) {}

  cell(row: number): WireValue {
    const table = (this.table ??= packedGroups(this.bytes, this.section, this.rows))
    const g = (row / table.groupRows) | 0
    return this.group(g)
      .reader()
      .cell(row - g * table.groupRows, 0)
  }

  column(): WireValue[] {
    const table = (this.table ??= packedGroups(this.bytes, this.section, this.rows))
    const cells = new Array<WireValue>(this.rows)
    let at = 0
    for (let g = 0; g < table.groups.length; g++) {
      const part = this.group(g).reader().column(0)
      for (let i = 0; i < part.length; i++) cells[at++] = part[i]!
    }
    return cells
  }

  private group(g: number): PackedGroup {
    const { from, to, size, rows } = this.table!.groups[g]!
    return (this.groups[g] ??= new PackedGroup(this.open, this.bytes, from, to, size, rows))
  }
}

/** One group of a packed column: unpacked when a cell of it is read, kept while recently read. */
class PackedGroup {
  private opened: RowBatchReader | null = null
  stamp = 0

  constructor(
    private readonly open: (batch: Uint8Array) => RowBatchReader,
    private readonly bytes: Uint8Array,
    private readonly from: number,
    private readonly to: number,
    readonly unpackedBytes: number,
    private readonly rows: number,
  ) {}

  reader(): RowBatchReader {
    this.stamp = ++clock
    if (this.opened) return this.opened
    const batch = decompressBlock(this.bytes, this.from, this.to, this.unpackedBytes)
    const reader = nested(this.open, batch, this.rows)
    keep(this)
    return (this.opened = reader)
  }

  /** Drops the unpacked group (the budget needs its room). */
  forget(): void {
    this.opened = null
  }
}

/** Bytes of unpacked groups held now (tests; at most UNPACKED_BUDGET beyond the newest group). */
export const unpackedBytesHeld = (): number => unpackedBytes

function keep(group: PackedGroup): void {
  unpacked.push(group)
  unpackedBytes += group.unpackedBytes
  while (unpackedBytes > UNPACKED_BUDGET && unpacked.length > 1) {
    let oldest = 0
    for (let i = 1; i < unpacked.length - 1; i++) if (unpacked[i]!.stamp < unpacked[oldest]!.stamp) oldest = i
    const [dropped] = unpacked.splice(oldest, 1)
    unpackedBytes -= dropped!.unpackedBytes
    dropped!.forget()
  }
}

/** The unpacked groups of a PACKED column, each a one-column batch, in row order (whole-column readers). */
export function unpackGroups(
  bytes: Uint8Array,
  section: readonly [number, number, number],
  rows: number,
): Uint8Array[] {
  return packedGroups(bytes, section, rows).groups.map(({ from, to, size }) => decompressBlock(bytes, from, to, size))
}

/** The dictionary of a DICT column (a one-column batch) as a view of the batch. */
export function dictionaryOf(bytes: Uint8Array, c: number): Uint8Array {
  return bytes.subarray(c, c + new DataView(bytes.buffer, bytes.byteOffset + c + 12, 4).getUint32(0, true))
}
