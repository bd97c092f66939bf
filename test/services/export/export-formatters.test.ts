import { describe, expect, it } from 'vitest'
import type { ResultColumn, WireValue } from '../../../src/shared/contract'
import { createFormatter } from '../../../src/main/services/export/export-formatters'

const columns: ResultColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'note', type: 'text' },
]
const rows: WireValue[][] = [
  [{ $: 'int', v: '9223372036854775807' }, 'a,b "c"\nd'],
  [2, null],
  [3, ''],
]

/** The whole file a formatter writes for rows given in batches. */
function fileOf(format: Parameters<typeof createFormatter>[0], batches: WireValue[][][], table: string | null = null) {
  const formatter = createFormatter(format, columns, { engine: 'postgres', table })
  return formatter.begin() + batches.map((batch) => formatter.rows(batch)).join('') + formatter.end()
}

describe('export formatters', () => {
  it('CSV: header, RFC 4180 quoting, NULL empty and "" for the empty string, exact integers', () => {
    expect(fileOf('csv', [rows.slice(0, 1), rows.slice(1)])).toBe(
      'id,note\r\n9223372036854775807,"a,b ""c""\nd"\r\n2,\r\n3,""\r\n',
    )
  })

  it('JSON: one valid array across batches, exact digits kept in the text', () => {
    const text = fileOf('json', [rows.slice(0, 2), [], rows.slice(2)])
    expect(text).toContain('"id": 9223372036854775807')
    const parsed = JSON.parse(text) as unknown[]
    expect(parsed).toHaveLength(3)
    expect(parsed[1]).toEqual({ id: 2, note: null })
    expect(parsed[2]).toEqual({ id: 3, note: '' })
    expect(fileOf('json', [])).toBe('[]\n')
    expect(JSON.parse(fileOf('json', []))).toEqual([])
  })

  it('NDJSON: one compact object a line', () => {
    const lines = fileOf('ndjson', [rows]).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('{"id":9223372036854775807,"note":"a,b \\"c\\"\\nd"}')
    expect(JSON.parse(lines[1]!)).toEqual({ id: 2, note: null })
    expect(lines[3]).toBe('')
  })

  it('SQL: one INSERT a line into the quoted table, or a placeholder', () => {
    expect(fileOf('sql', [rows.slice(1)], '"public"."t"')).toBe(
      `INSERT INTO "public"."t" ("id", "note") VALUES (2, NULL);\nINSERT INTO "public"."t" ("id", "note") VALUES (3, '');\n`,
    )
    expect(fileOf('sql', [rows.slice(1, 2)])).toBe(`INSERT INTO my_table ("id", "note") VALUES (2, NULL);\n`)
  })
})
