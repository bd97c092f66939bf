import type { ResultColumn } from '../../../shared/contract'
import type { ColumnDefinition } from './mysql-client'

/** Column type codes of the client/server protocol (enum_field_types). */
export const TYPE = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  NEWDATE: 14,
  VARCHAR: 15,
  BIT: 16,
  VECTOR: 242,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const

/** Column definition flags. */
export const FLAG = { UNSIGNED: 32, ZEROFILL: 64, ENUM: 256, SET: 2048 } as const

/** The collation id of binary strings (and of numbers and dates). */
export const BINARY_COLLATION = 63

const INTEGERS: Record<number, string> = {
  [TYPE.TINY]: 'tinyint',
  [TYPE.SHORT]: 'smallint',
  [TYPE.INT24]: 'mediumint',
  [TYPE.LONG]: 'int',
  [TYPE.LONGLONG]: 'bigint',
  [TYPE.FLOAT]: 'float',
  [TYPE.DOUBLE]: 'double',
}
const TEMPORALS: Record<number, string> = {
  [TYPE.TIMESTAMP]: 'timestamp',
  [TYPE.DATETIME]: 'datetime',
  [TYPE.TIME]: 'time',
}

/** BLOB/TEXT flavours by maximum length (in characters for text). */
const blobSize = (length: number): string =>
  length <= 255 ? 'tiny' : length <= 65_535 ? '' : length <= 16_777_215 ? 'medium' : 'long'

/**
 * The type a result column was declared with, as SHOW CREATE TABLE would print it (`bigint unsigned`,
 * `decimal(38,10)`, `varchar(20)`, `datetime(6)`), rebuilt from its definition packet. Lengths in
 * the packet are in bytes of the result's character set, hence `bytesPerChar` per collation id.
 * ENUM and SET members are not in the packet (shown as `enum`/`set`); MariaDB's JSON and its own
 * types (uuid, inet6…) come from its extended metadata.
 */
export function columnTypeName(field: ColumnDefinition, bytesPerChar: (collation: number) => number): string {
  const { columnType: type, columnLength: length, flags, decimals } = field
  if (field.extendedFormat === 'json') return 'json'
  if (field.extendedTypeName) return field.extendedTypeName
  const unsigned = flags & FLAG.UNSIGNED ? ' unsigned' : ''
  const zerofill = flags & FLAG.ZEROFILL ? ' zerofill' : ''
  const binary = field.characterSet === BINARY_COLLATION
  const chars = () => Math.round(length / (binary ? 1 : bytesPerChar(field.characterSet) || 1))
  const integer = INTEGERS[type]
  if (integer) return `${integer}${unsigned}${zerofill}`
  const temporal = TEMPORALS[type]
  // decimals above 6 mean "not fixed" (an expression), not a fractional-seconds precision.
  if (temporal) return decimals > 0 && decimals <= 6 ? `${temporal}(${decimals})` : temporal
  switch (type) {
    case TYPE.DECIMAL:
    case TYPE.NEWDECIMAL: {
      // The packet's length counts the sign and the decimal point.
      const precision = length - (decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1)
      return `decimal(${precision},${decimals})${unsigned}${zerofill}`
    }
    case TYPE.DATE:
    case TYPE.NEWDATE:
      return 'date'
    case TYPE.YEAR:
      return 'year'
    case TYPE.BIT:
      return `bit(${length})`
    case TYPE.JSON:
      return 'json'
    case TYPE.GEOMETRY:
      return 'geometry'
    case TYPE.NULL:
      return 'null'
    case TYPE.VECTOR:
      return 'vector'
    case TYPE.ENUM:
      return 'enum'
    case TYPE.SET:
      return 'set'
    case TYPE.TINY_BLOB:
    case TYPE.MEDIUM_BLOB:
    case TYPE.LONG_BLOB:
    case TYPE.BLOB:
      return `${blobSize(chars())}${binary ? 'blob' : 'text'}`
    case TYPE.VARCHAR:
    case TYPE.VAR_STRING:
      return `${binary ? 'varbinary' : 'varchar'}(${chars()})`
    case TYPE.STRING:
      if (flags & FLAG.ENUM) return 'enum'
      if (flags & FLAG.SET) return 'set'
      return `${binary ? 'binary' : 'char'}(${chars()})`
  }
  return `type ${type}`
}

/**
 * The table column a result column reads, as the column definition names it. An expression has
 * no original table, or (inside a derived table or a view) one without a schema: none then.
 */
const originOf = (field: ColumnDefinition): Pick<ResultColumn, 'origin'> =>
  field.schema && field.orgTable && field.orgName
    ? { origin: { schema: field.schema, table: field.orgTable, column: field.orgName } }
    : {}

/** The columns of a result, named and typed, with the table column each reads where there is one. */
export const resultColumns = (
  fields: readonly ColumnDefinition[],
  bytesPerChar: (collation: number) => number,
): ResultColumn[] =>
  fields.map((field) => ({ name: field.name, type: columnTypeName(field, bytesPerChar), ...originOf(field) }))
