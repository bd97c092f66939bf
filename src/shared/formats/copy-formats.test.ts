import { describe, expect, it } from 'vitest'
import type { WireValue } from '../contract/values'
import { formatBlock, type CopyBlock } from './copy-formats'
import { csvField, jsonValue, sqlLiteral } from './value-text'

const big: WireValue = { $: 'int', v: '9223372036854775807' }
const bytes: WireValue = { $: 'bytes', v: '00ff10', n: 3 }
const block = (rows: WireValue[][], extra: Partial<CopyBlock> = {}): CopyBlock => ({
  columns: ['id', 'name'],
  rows,
  header: true,
  engine: 'postgres',
  table: '"public"."users"',
  ...extra,
})

describe('TSV (pastes into a spreadsheet)', () => {
  it('writes a header and rows separated by tabs and CRLF', () => {
    expect(
      formatBlock(
        'tsv',
        block([
          [1, 'a'],
          [2, 'b'],
        ]),
      ),
    ).toBe('id\tname\r\n1\ta\r\n2\tb')
  })
  it('keeps NULL (empty) apart from the empty string ("")', () => {
    expect(formatBlock('tsv', block([[null, '']], { header: false }))).toBe('\t""')
  })
  it('quotes values holding tabs, newlines or quotes, and leaves commas alone', () => {
    expect(formatBlock('tsv', block([['a\tb', 'line1\nline2']], { header: false }))).toBe('"a\tb"\t"line1\nline2"')
    expect(formatBlock('tsv', block([['say "hi"', 'x,y']], { header: false }))).toBe('"say ""hi"""\tx,y')
  })
})

describe('CSV', () => {
  it('quotes separators, quotes, line breaks and edge spaces', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('he said "no"')).toBe('"he said ""no"""')
    expect(csvField('x\r\ny')).toBe('"x\r\ny"')
    expect(csvField(' padded')).toBe('" padded"')
    expect(csvField('plain')).toBe('plain')
  })
  it('NULL is an empty field, the empty string a quoted one', () => {
    expect(formatBlock('csv', block([[null, '']]))).toBe('id,name\r\n,""')
  })
  it('keeps every digit of 64-bit integers and decimals, and writes binary as hex', () => {
    expect(formatBlock('csv', block([[big, '12345678901234567890.000000001']], { header: false }))).toBe(
      '9223372036854775807,12345678901234567890.000000001',
    )
    expect(csvField(bytes)).toBe('\\x00ff10')
    expect(csvField(-0)).toBe('0')
    expect(csvField(true)).toBe('true')
  })
})

describe('JSON', () => {
  it('writes an array of objects with exact numbers', () => {
    const text = formatBlock(
      'json',
      block([
        [big, null],
        [1.5, ''],
      ]),
    )
    expect(text).toBe('[\n  {"id": 9223372036854775807, "name": null},\n  {"id": 1.5, "name": ""}\n]')
  })
  it('escapes control characters and keeps NaN and binary as text', () => {
    expect(jsonValue('a\tb\n"c"')).toBe('"a\\tb\\n\\"c\\""')
    expect(jsonValue({ $: 'float', v: 'NaN' })).toBe('"NaN"')
    expect(jsonValue(bytes)).toBe('"\\\\x00ff10"')
    expect(JSON.parse(jsonValue(bytes))).toBe('\\x00ff10')
  })
  it('an empty selection is an empty array', () => {
    expect(formatBlock('json', block([]))).toBe('[]')
  })
})

describe('Markdown', () => {
  it('escapes pipes, turns line breaks into <br> and marks NULL', () => {
    expect(
      formatBlock(
        'markdown',
        block([
          ['a|b', 'x\ny'],
          [null, ''],
        ]),
      ),
    ).toBe('| id | name |\n| --- | --- |\n| a\\|b | x<br>y |\n| `NULL` |  |')
  })
})

describe('SQL INSERT', () => {
  it('quotes identifiers and literals in the dialect', () => {
    expect(
      formatBlock(
        'sql',
        block([
          [big, "O'Brien"],
          [null, ''],
        ]),
      ),
    ).toBe(
      `INSERT INTO "public"."users" ("id", "name") VALUES (9223372036854775807, 'O''Brien');\n` +
        `INSERT INTO "public"."users" ("id", "name") VALUES (NULL, '');`,
    )
    expect(formatBlock('sql', block([[1, 'a']], { engine: 'mysql', table: '`t`' }))).toBe(
      "INSERT INTO `t` (`id`, `name`) VALUES (1, 'a');",
    )
  })
  it('writes binary, booleans and backslashes per engine', () => {
    expect(sqlLiteral(bytes, 'postgres')).toBe("decode('00ff10', 'hex')")
    expect(sqlLiteral(bytes, 'mysql')).toBe("X'00ff10'")
    expect(sqlLiteral(bytes, 'sqlite')).toBe("X'00ff10'")
    expect(sqlLiteral(bytes, 'mssql')).toBe('0x00ff10')
    expect(sqlLiteral(true, 'mssql')).toBe('1')
    expect(sqlLiteral(false, 'postgres')).toBe('FALSE')
    // Backslashes: forms that read the same whatever the session's string settings.
    expect(sqlLiteral("a\\b'", 'mysql')).toBe("_utf8mb4 X'615c6227'")
    expect(sqlLiteral("a\\b'", 'postgres')).toBe("E'a\\\\b'''")
    expect(sqlLiteral("a\\b'", 'sqlite')).toBe("'a\\b'''")
    expect(sqlLiteral("it's", 'mysql')).toBe("'it''s'")
    expect(sqlLiteral('line1\nline2', 'sqlite')).toBe("'line1\nline2'")
    expect(sqlLiteral('é', 'mssql')).toBe("N'é'")
    expect(sqlLiteral({ $: 'float', v: 'Infinity' }, 'postgres')).toBe("'Infinity'")
  })
})
