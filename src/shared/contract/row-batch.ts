import { BSON_TAG_NAMES } from './values'
import type { BsonTag } from './values'

/**
 * A row batch: the binary, columnar form in which a batch of rows (WireValue[][]) travels from a
 * driver to the grid. Built by RowBatchWriter (row-batch-writer.ts), read one cell at a time by
 * readBatch (row-batch-reader.ts); carried as-is by both transports (a Uint8Array through
 * Electron IPC and engine-host IPC, the payload of a binary WebSocket frame in browser mode).
 *
 * Layout, little-endian; every section starts at a multiple of 8 bytes from the batch's start, so
 * Float64Array/Uint32Array views need no copy when the batch itself starts 8-aligned (the reader
 * copies the batch once when it does not):
 *
 *     0   u8[4]  magic 'Q' 'R' 'B' and the format version (4: packed columns in row groups; 2 is read too)
 *     4   u32    rowCount (at most MAX_BATCH_ROWS)
 *     8   u32    columnCount
 *     12  u32    byteLength of the whole batch
 *     16  per column, 16 bytes: u32 kind, u32 a, u32 b, u32 c (section offsets, 0 when unused)
 *     …   the sections, each padded with zeros to a multiple of 8
 *
 * Column kinds:
 * - KIND_NULL: every cell is null. No sections.
 * - KIND_F64: every non-null cell is a JS number (any: -0, NaN and ±Infinity are kept as they
 *   are). `a`: null bitmap, ceil(rowCount/8) bytes, bit (r & 7) of byte (r >> 3) set when row r is
 *   null (a = 0: no cell is null). `b`: rowCount float64 values (0 where null).
 * - KIND_TAGGED: anything else. `a`: rowCount tag bytes (TAG_*). `b`: rowCount+1 u32 offsets
 *   into the payload (offsets[0] = 0, non-decreasing; cell r's payload is [offsets[r], offsets[r+1])).
 *   `c`: the payload section, offsets[rowCount] bytes.
 *
 * Compact kinds: the writer lays a column out as one of these when every non-null cell of the batch
 * fits it (chosen per batch and column, row-batch-compact.ts), else as F64 or TAGGED; each reads back
 * exactly the cells a TAGGED column would. `a` is the null bitmap as in F64 (0: no cell is null).
 * - KIND_I32: every non-null cell is a number that is an int32 (not -0). `b`: rowCount int32 (0 where null).
 * - KIND_I64: every non-null cell is a safe integer number (not -0) or an INT whose digits are a
 *   canonical int64 outside ±(2^53−1). `b`: rowCount int64. Read: a safe value is the number, any
 *   other the INT with its decimal digits.
 * - KIND_BOOL: every non-null cell is true or false. `b`: value bitmap (bit set: true), ceil(rowCount/8) bytes.
 * - KIND_TEXT32 / KIND_TEXT16: every non-null cell is text that UTF-8 carries exactly. `b`: rowCount+1
 *   u32 / u16 offsets as in TAGGED (u16 when the payload is under 64 KiB); `c`: the UTF-8 payload.
 * - KIND_TEXT_FIXED: text as above, every non-null cell the same number of bytes `b` (no offsets):
 *   cell r is [r·b, r·b + b) of the payload `c` (rowCount·b bytes; null rows hold zeros).
 *
 * Encoded kinds (row-batch-packing.ts writes them, row-batch-packed-read.ts reads them): the writer
 * lays a column out as one of these when it is markedly smaller than its plain kind above. Each
 * holds a nested batch: a whole batch (this same layout, header included, 8-aligned) of one column
 * of a plain kind (never DICT or PACKED itself).
 * - KIND_DICT: a text column with few distinct values. `a`: null bitmap (0: no cell is null). `b`:
 *   rowCount u8 codes (0 where null). `c`: the dictionary, a nested batch of one text column
 *   (TEXT32, TEXT16 or TEXT_FIXED; NULL when it has no row) whose row k is the value of code k (at
 *   most 256 rows). Cell r is dictionary row codes[r].
 * - KIND_PACKED: a text or TAGGED column, compressed in groups of rows (numeric kinds stay plain).
 *   `a`: the section's byte count, `b`: the groups' unpacked byte count, `c`: the section: u32 G
 *   (rows per group), u32 n = ceil(rowCount/G), n × (u32 packed bytes, u32 unpacked bytes), zeros to
 *   a multiple of 8, then the n packed groups back to back (lz-block.ts). Group g unpacked is a
 *   nested batch of one column holding rows [g·G, min(rowCount, g·G + G)); cell r is its cell
 *   (r − g·G, 0). Readers unpack a group when a cell of it is read and keep a few recently
 *   unpacked groups (row-batch-packed-read.ts), so one cell costs a group, not the column.
 *
 * Cell payloads by tag: NULL/FALSE/TRUE none; NUMBER 8 bytes float64; STRING the text; INT the
 * digits of an integer outside ±(2^53−1); FLOAT 'Infinity' | '-Infinity' | 'NaN'; BYTES the raw
 * bytes (all of them: n = their count); BYTES_CUT a float64 n (the full length) then the bytes
 * carried; BSON one byte (index in BSON_TAGS) then the text; BSON_SUB the index, one subtype
 * byte, then the text. Text is UTF-8, except when the tag has TEXT_UTF16 set: a JS string holding
 * a lone surrogate (which UTF-8 cannot carry) is kept exact as its UTF-16LE code units.
 */
export type EncodedRows = Uint8Array & { readonly __rowBatch: unique symbol }

export const MAGIC_0 = 0x51 // 'Q'
export const MAGIC_1 = 0x52 // 'R'
export const MAGIC_2 = 0x42 // 'B'
export const FORMAT_VERSION = 4
/**
 * The oldest version readers accept (2: the same layout without the encoded kinds; a version-3
 * batch, packed as one block, is read only if it has no encoded column: batches never outlive a run).
 */
export const OLDEST_VERSION = 2
export const HEADER_BYTES = 16
export const COLUMN_ENTRY_BYTES = 16
/** The most rows one batch may hold (a batch of columnless rows is only a header). */
export const MAX_BATCH_ROWS = 1 << 24

export const KIND_NULL = 0
export const KIND_F64 = 1
export const KIND_TAGGED = 2
export const KIND_I32 = 3
export const KIND_I64 = 4
export const KIND_BOOL = 5
export const KIND_TEXT32 = 6
export const KIND_TEXT16 = 7
export const KIND_TEXT_FIXED = 8
export const KIND_DICT = 9
export const KIND_PACKED = 10

export const TAG_NULL = 0
export const TAG_FALSE = 1
export const TAG_TRUE = 2
export const TAG_NUMBER = 3
export const TAG_STRING = 4
export const TAG_INT = 5
export const TAG_FLOAT = 6
export const TAG_BYTES = 7
export const TAG_BYTES_CUT = 8
export const TAG_BSON = 9
export const TAG_BSON_SUB = 10
/** Set on a text-bearing tag: the text is UTF-16LE code units, not UTF-8. */
export const TEXT_UTF16 = 0x80

/** The BSON tags by their code in a batch: a type's code is its index in BSON_TAG_NAMES. */
export const BSON_TAGS: readonly BsonTag[] = BSON_TAG_NAMES

export const BSON_CODES: ReadonlyMap<string, number> = new Map(BSON_TAGS.map((tag, i) => [tag, i]))

/** A batch that does not follow the layout (or a value the writer cannot carry). */
export class RowBatchError extends Error {
  constructor(message: string) {
    super(`Row batch: ${message}`)
    this.name = 'RowBatchError'
  }
}

/** `n` rounded up to a multiple of 8. */
export const align8 = (n: number): number => n + ((8 - (n % 8)) % 8)
