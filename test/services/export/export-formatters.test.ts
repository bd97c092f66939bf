import { describe, expect, it } from 'vitest'
import { DEFAULT_CSV_OPTIONS, type CsvOptions, type ResultColumn, type WireValue } from '../../../src/shared/contract'
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

  it('SQL: batched INSERTs into the quoted table (a statement goes on across batches), or a placeholder', () => {
    const sql = (batches: WireValue[][][], rowsPerInsert: number, table: string | null = '"public"."t"') => {
      const formatter = createFormatter('sql', columns, { engine: 'postgres', table, sql: { rowsPerInsert } })
      return formatter.begin() + batches.map((batch) => formatter.rows(batch)).join('') + formatter.end()
    }
    expect(sql([rows.slice(1)], 1)).toBe(
      `INSERT INTO "public"."t" ("id", "note") VALUES (2, NULL);\nINSERT INTO "public"."t" ("id", "note") VALUES (3, '');\n`,
    )
    expect(sql([rows.slice(0, 1), rows.slice(1)], 2)).toBe(
      `INSERT INTO "public"."t" ("id", "note") VALUES\n  (9223372036854775807, 'a,b "c"\nd'),\n  (2, NULL);\n` +
        `INSERT INTO "public"."t" ("id", "note") VALUES\n  (3, '');\n`,
    )
    expect(sql([rows.slice(0, 2), [], rows.slice(2)], 3)).toBe(
      `INSERT INTO "public"."t" ("id", "note") VALUES\n  (9223372036854775807, 'a,b "c"\nd'),\n  (2, NULL),\n  (3, '');\n`,
    )
    expect(sql([], 5)).toBe('')
    expect(sql([rows.slice(1, 2)], 1, null)).toBe(`INSERT INTO my_table ("id", "note") VALUES (2, NULL);\n`)
    expect(fileOf('sql', [rows.slice(1)])).toBe(
      `INSERT INTO my_table ("id", "note") VALUES\n  (2, NULL),\n  (3, '');\n`,
    )
  })

  it('SQL: names the table the columns come from (origins), its column names, else the placeholder', () => {
    const from = (column: string, table = 'users', schema: string | null = 'main') => ({ schema, table, column })
    const insert = (cols: ResultColumn[], engine: 'sqlite' | 'mysql' = 'sqlite') =>
      createFormatter('sql', cols, { engine, table: null, sql: { rowsPerInsert: 1 } }).rows([[1, 'x']])
    expect(
      insert([
        { name: 'user_id', type: null, origin: from('id') },
        { name: 'name', type: null, origin: from('name') },
      ]),
    ).toBe(`INSERT INTO "main"."users" ("id", "name") VALUES (1, 'x');\n`)
    expect(
      insert(
        [
          { name: 'id', type: null, origin: from('id', 'users', 'shop') },
          { name: 'name', type: null, origin: from('name', 'users', 'shop') },
        ],
        'mysql',
      ),
    ).toBe("INSERT INTO `shop`.`users` (`id`, `name`) VALUES (1, 'x');\n")
    // An expression, a join, a repeated column: the table is unknown.
    for (const second of [
      { name: 'n', type: null },
      { name: 'name', type: null, origin: from('name', 'orders') },
      { name: 'id2', type: null, origin: from('id') },
    ])
      expect(insert([{ name: 'id', type: null, origin: from('id') }, second])).toMatch(/^INSERT INTO my_table \("id", /)
  })

  it('every value kind exact in every format: int64, decimal, float, binary, JSON text, bool, NULL vs empty', () => {
    const kinds: ResultColumn[] = ['i', 'd', 'f', 'b', 'j', 't', 'n', 'e'].map((name) => ({ name, type: null }))
    const row: WireValue[] = [
      { $: 'int', v: '-9223372036854775808' },
      '12345678901234567890.000000001',
      0.1,
      { $: 'bytes', v: '00ff10', n: 3 },
      '{"a":[1,2]}',
      true,
      null,
      '',
    ]
    const file = (format: Parameters<typeof createFormatter>[0]) => {
      const f = createFormatter(format, kinds, { engine: 'sqlite', table: '"t"', sql: { rowsPerInsert: 1 } })
      return f.begin() + f.rows([row]) + f.end()
    }
    expect(file('csv')).toBe(
      'i,d,f,b,j,t,n,e\r\n-9223372036854775808,12345678901234567890.000000001,0.1,\\x00ff10,"{""a"":[1,2]}",true,,""\r\n',
    )
    expect(file('ndjson')).toBe(
      '{"i":-9223372036854775808,"d":"12345678901234567890.000000001","f":0.1,"b":"\\\\x00ff10","j":"{\\"a\\":[1,2]}","t":true,"n":null,"e":""}\n',
    )
    expect(JSON.parse(file('json'))).toEqual([
      {
        i: -9223372036854775808,
        d: '12345678901234567890.000000001',
        f: 0.1,
        b: '\\x00ff10',
        j: '{"a":[1,2]}',
        t: true,
        n: null,
        e: '',
      },
    ])
    expect(file('sql')).toBe(
      `INSERT INTO "t" ("i", "d", "f", "b", "j", "t", "n", "e") VALUES (-9223372036854775808, '12345678901234567890.000000001', 0.1, X'00ff10', '{"a":[1,2]}', TRUE, NULL, '');\n`,
    )
  })

  it('CSV options: delimiter, quote, no header, NULL text, LF, BOM; values holding them are quoted', () => {
    const csv = (options: Partial<CsvOptions>, batch: WireValue[][]) => {
      const f = createFormatter('csv', columns, {
        engine: 'postgres',
        table: null,
        csv: { ...DEFAULT_CSV_OPTIONS, ...options },
      })
      return f.begin() + f.rows(batch) + f.end()
    }
    expect(
      csv({ delimiter: ';', lineEnding: 'lf' }, [
        [1, 'a;b'],
        [2, 'a,b'],
        [3, 'x\ny'],
      ]),
    ).toBe('id;note\n1;"a;b"\n2;a,b\n3;"x\ny"\n')
    expect(
      csv({ delimiter: '\t', quote: "'", header: false }, [
        [1, "it's"],
        [2, 'a\tb'],
        [3, 'say "hi"'],
      ]),
    ).toBe("1\t'it''s'\r\n2\t'a\tb'\r\n3\tsay \"hi\"\r\n")
    // NULL as text: a value that reads the same is quoted, '' stays a quoted empty field.
    expect(
      csv({ nullText: 'NULL', header: false }, [
        [1, null],
        [2, 'NULL'],
        [3, ''],
      ]),
    ).toBe('1,NULL\r\n2,"NULL"\r\n3,""\r\n')
    const withBom = csv({ bom: true }, [[1, 'é']])
    expect(withBom).toBe('\uFEFFid,note\r\n1,é\r\n')
    expect(Buffer.from(withBom, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv({ bom: false }, [])).toBe('id,note\r\n')
  })
})
