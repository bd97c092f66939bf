import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { engineOf } from '../../../shared/engines/engine-list'
import type { EngineId } from '../../../shared/engines/engine-list'
import { floatKind, floatText } from '../../../shared/formats/float-text'
import { prettyJson } from './pretty-json'

/** How a cell is styled: NULL and '' look different, numbers align right. */
export type CellKind = 'null' | 'number' | 'text' | 'bytes' | 'bool' | 'empty'

/** What a grid cell shows. */
export interface FormattedCell {
  text: string
  kind: CellKind
}

/** Characters of text shown in a cell; the viewer shows the rest. */
export const CELL_TEXT_LIMIT = 500
/** Bytes of binary data shown in a cell. */
export const CELL_BYTES_LIMIT = 64

const ELLIPSIS = '…'
const FLOAT_TYPE = /^(real|float\d*|double( precision)?|binary_(float|double))\b/i
// Exact numerics arrive as strings (so no digit is lost) but are still numbers to the eye.
const DECIMAL_TYPE = /^(numeric|decimal|number|money|dec|smallmoney)\b/i
const NUMERIC_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^[-+]?(NaN|Infinity)$/i

/**
 * The cell's text and kind. Exact: big integers keep every digit; long text is cut for display.
 * `engine`: whose client's notation a float column's numbers take (JavaScript's when absent).
 */
export function formatCell(value: WireValue, column?: ResultColumn, engine?: EngineId): FormattedCell {
  if (value === null) return { text: 'NULL', kind: 'null' }
  if (typeof value === 'boolean') return { text: String(value), kind: 'bool' }
  if (typeof value === 'number') return { text: formatNumber(value, column, engine), kind: 'number' }
  if (typeof value === 'string') {
    if (value === '') return { text: '', kind: 'empty' }
    const kind = isDecimalColumn(column) && NUMERIC_TEXT.test(value) ? 'number' : 'text'
    return { text: visibleControls(cut(value, CELL_TEXT_LIMIT)), kind }
  }
  if (value.$ === 'int' || value.$ === 'float') return { text: value.v, kind: 'number' }
  if (value.$ === 'bson') return formatBson(value)
  const shown = value.v.slice(0, CELL_BYTES_LIMIT * 2)
  const more = value.n * 2 > shown.length ? ELLIPSIS : ''
  return { text: `\\x${shown}${more}`, kind: 'bytes' }
}

/** The whole value for the cell viewer: JSON pretty-printed, all the hex, NULL as NULL. */
export function fullText(value: WireValue, column?: ResultColumn, engine?: EngineId): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return formatNumber(value, column, engine)
  if (typeof value === 'string') return prettyJson(value) ?? value
  if (value.$ === 'int' || value.$ === 'float') return value.v
  if (value.$ === 'bson') return bsonText(value)
  const held = value.v.length / 2
  const count = held < value.n ? `${plural(value.n, 'byte')}, first ${held} shown` : plural(value.n, 'byte')
  return `\\x${value.v}\n\n(${count})`
}

/** A short description for the viewer's title: the size of the value. */
export function describeValue(value: WireValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'string') return plural(value.length, 'character')
  if (value.$ === 'int') return 'integer'
  if (value.$ === 'float') return 'number'
  if (value.$ === 'bson') return value.t === 'Absent' ? 'no such field' : value.t
  return plural(value.n, 'byte')
}

type BsonCell = Extract<WireValue, { $: 'bson' }>

/** A BSON value's exact text, in the shell's spelling for the types JSON lacks. */
function bsonText(value: BsonCell): string {
  switch (value.t) {
    case 'ObjectId':
      return `ObjectId("${value.v}")`
    case 'Binary':
      return `Binary(${value.sub ?? 0}) \\x${value.v}`
    case 'Timestamp':
      return `Timestamp(${value.v.replace(':', ', ')})`
    case 'Absent':
      return '(no such field)'
    default:
      return value.v
  }
}

/** Grid text of a BSON cell: numbers right-aligned, a missing field dim like NULL. */
function formatBson(value: BsonCell): FormattedCell {
  if (value.t === 'Absent') return { text: '—', kind: 'null' }
  const kind: CellKind =
    value.t === 'Long' || value.t === 'Decimal128' ? 'number' : value.t === 'Binary' ? 'bytes' : 'text'
  return { text: visibleControls(cut(bsonText(value), CELL_TEXT_LIMIT)), kind }
}

/**
 * Numbers as the engine's client prints them: a float column's values in its notation (psql
 * `1e+20`, sqlite3 `100.0`, mariadb `1e20`), every other number as its shortest text.
 */
function formatNumber(n: number, column?: ResultColumn, engine?: EngineId): string {
  const style = engine ? engineOf(engine).floats : null
  const kind = style ? floatKind(style, column?.type) : null
  if (style && kind && Number.isFinite(n)) return floatText(n, style, kind)
  return Object.is(n, -0) ? '0' : String(n)
}

function isDecimalColumn(column?: ResultColumn): boolean {
  // Float columns too: a float staged by an edit is held as its exact text.
  return column?.type != null && (DECIMAL_TYPE.test(column.type.trim()) || FLOAT_TYPE.test(column.type.trim()))
}

/** Cuts to `limit` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text
  let end = limit
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end) + ELLIPSIS
}

// A cell is one line: line breaks, tabs and other control characters become visible symbols.
const CONTROL = /\r\n|[\u0000-\u001f\u007f]/g

function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\r\n' || c === '\n') return '↵'
    if (c === '\t') return '⇥'
    if (c === '\u007f') return '␡'
    // U+2400.. are the Control Pictures for U+0000..U+001F (␀, ␍, ␛, ...).
    return String.fromCharCode(0x2400 + c.charCodeAt(0))
  })
}

function plural(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`
}
