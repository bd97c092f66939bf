import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { EngineId, SortColumn, TableQuery, WireValue } from '../../src/shared/contract'
import { queryLanguageOf } from '../../src/shared/contract'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

/** Column types per engine: 64-bit integer, text, and a text whose collation is not byte order. */
const TYPES: Partial<Record<EngineId, { big: string; text: string; collated: string }>> = {
  sqlite: { big: 'INTEGER', text: 'TEXT', collated: 'TEXT COLLATE NOCASE' },
  postgres: { big: 'bigint', text: 'text', collated: 'text COLLATE "C"' },
  mysql: { big: 'BIGINT', text: 'VARCHAR(20)', collated: 'VARCHAR(20) COLLATE utf8mb4_general_ci' },
  duckdb: { big: 'BIGINT', text: 'VARCHAR', collated: 'VARCHAR COLLATE NOCASE' },
  mssql: { big: 'BIGINT', text: 'NVARCHAR(20)', collated: 'NVARCHAR(20) COLLATE Latin1_General_CI_AS' },
}

/** Keys beyond 2^53 (exact only as int64), ties and NULLs in every sortable column. */
const BIG_IDS = [
  '-9223372036854775808',
  '-1',
  '0',
  '1',
  '2',
  '42',
  '43',
  '9007199254740992',
  '9007199254740993',
  '9007199254740994',
  '9223372036854775806',
  '9223372036854775807',
]
const GROUPS = ['1', 'NULL', '2', '1', 'NULL', '2', '2', '1', 'NULL', '3', '1', '2']
const LABELS = ["'b'", "'a'", 'NULL', "'b'", "'a'", 'NULL', "'c'", "'a'", "'b'", 'NULL', "'a'", "'b'"]
const WORDS = ['apple', 'Banana', 'cherry', 'Date', 'eLDER', 'fig', 'Grape', 'ham', 'Ice']

function setup(engine: EngineId): string[] {
  const t = TYPES[engine]!
  const big = BIG_IDS.map((id, i) => `(${id}, ${GROUPS[i]}, ${LABELS[i]})`)
  const pairs = [1, 1, 1, 2, 2, 3, 3, 3, 4].map(
    (a, i) => `(${a}, '${'zyxwvutsr'[i]}', ${i % 3 === 0 ? 'NULL' : `'n${i % 2}'`})`,
  )
  return [
    `CREATE TABLE big (id ${t.big} NOT NULL PRIMARY KEY, grp INT NULL, label ${t.text} NULL)`,
    `INSERT INTO big VALUES ${big.join(', ')}`,
    `CREATE TABLE pair (a INT NOT NULL, b ${t.text} NOT NULL, note ${t.text} NULL, PRIMARY KEY (a, b))`,
    `INSERT INTO pair VALUES ${pairs.join(', ')}`,
    `CREATE TABLE words (k ${t.collated} NOT NULL PRIMARY KEY, n INT NULL)`,
    `INSERT INTO words VALUES ${WORDS.map((w, i) => `('${w}', ${i % 4})`).join(', ')}`,
    `CREATE TABLE nokey (tag ${t.text} NULL, n INT NULL)`,
    `INSERT INTO nokey VALUES ${[3, 1, 2, 1, 5, 4, 1].map((n, i) => `('t${i % 2}', ${n})`).join(', ')}`,
  ]
}

const sqlEngines = engines.filter((make) => queryLanguageOf(make().engine) === 'sql' && TYPES[make().engine])

/** A value as exact text: int64 past 2^53 arrives as { $: 'int' }. */
const exact = (value: WireValue | undefined): string =>
  value !== null && typeof value === 'object' ? value.v : String(value)

describe.each(sqlEngines.map((make) => [make().engine, make] as const))('%s: table pages', (engine, make) => {
  const harness: EngineHarness = make()
  let db: TestDatabase
  let connection: DriverConnection
  const query = (table: string, sort: SortColumn[] = []): TableQuery => ({
    schema: db.schema,
    table,
    where: '',
    conditions: [],
    sort,
  })

  /** Every row in the pages' order, in one statement (the page of size null from the start). */
  async function whole(q: TableQuery): Promise<WireValue[][]> {
    const plan = await connection.pages!.plan(q, { size: null }, db.name)
    const built = harness.driver().tableQuery(q, plan.clauses)
    return (await collect(connection.stream(built.sql, { batchSize: 1000, params: built.params, database: db.name })))
      .rows
  }

  /** The table read page by page, each asked for as the renderer does (the last row's cursor values). */
  async function paged(q: TableQuery, size: number): Promise<{ rows: WireValue[][]; pages: number; mode: string }> {
    const rows: WireValue[][] = []
    let after: WireValue[] | undefined
    for (let pages = 1; pages < 100; pages++) {
      const page = { size, ...(after ? { after } : {}), ...(rows.length && !after ? { offset: rows.length } : {}) }
      const plan = await connection.pages!.plan(q, page, db.name)
      const built = harness.driver().tableQuery(q, plan.clauses)
      const read = await collect(
        connection.stream(built.sql, { batchSize: 1000, params: built.params, database: db.name }),
      )
      expect(read.rows.length).toBeLessThanOrEqual(size)
      rows.push(...read.rows)
      if (read.rows.length < size) return { rows, pages, mode: plan.info.mode }
      if (plan.info.mode === 'keyset') {
        const at = plan.info.cursor.map((name) => read.columns.findIndex((c) => c.name === name))
        after = at.map((i) => read.rows.at(-1)![i]!)
      }
    }
    throw new Error('more than 100 pages')
  }

  beforeAll(async () => {
    db = await harness.createDatabase('pages', setup(engine))
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('keyset on an int64 key: pages of 1, 2, 5 concatenate to the table in exact key order', async () => {
    for (const size of [1, 2, 5]) {
      const { rows, mode } = await paged(query('big'), size)
      expect(mode).toBe('keyset')
      expect(rows.map((r) => exact(r[0]))).toEqual(BIG_IDS)
    }
  })

  const sorts: [string, string, SortColumn[]][] = [
    ['big', 'a nullable sort column with ties', [{ column: 'grp', descending: false }]],
    ['big', 'the same, descending', [{ column: 'grp', descending: true }]],
    [
      'big',
      'two nullable sort columns, mixed directions',
      [
        { column: 'label', descending: true },
        { column: 'grp', descending: false },
      ],
    ],
    ['big', 'the key itself descending', [{ column: 'id', descending: true }]],
    ['pair', 'a composite key', []],
    ['pair', 'a nullable column over a composite key', [{ column: 'note', descending: false }]],
    ['pair', 'the key’s second column descending', [{ column: 'b', descending: true }]],
    ['words', 'a text key with a case-insensitive (or C) collation', []],
    ['words', 'a sort with ties over the collated key', [{ column: 'n', descending: true }]],
  ]
  it.each(sorts)('%s, %s: pages of 1, 2, 4 are exactly the whole ordered table', async (table, _label, sort) => {
    const q = query(table, sort)
    const all = await whole(q)
    expect(all.length).toBeGreaterThan(5)
    for (const size of [1, 2, 4]) {
      const { rows, mode } = await paged(q, size)
      expect(mode).toBe('keyset')
      expect(rows).toEqual(all)
    }
  })

  it('the order is the sort (NULLs last ascending, first descending), ties broken by the key', async () => {
    const rows = await whole(query('big', [{ column: 'grp', descending: false }]))
    const groups = rows.map((r) => (r[1] === null ? 'NULL' : exact(r[1])))
    expect(groups).toEqual([...GROUPS.filter((g) => g !== 'NULL').sort(), 'NULL', 'NULL', 'NULL'])
    const ones = rows.filter((r) => exact(r[1]) === '1').map((r) => exact(r[0]))
    expect(ones).toEqual(BIG_IDS.filter((_, i) => GROUPS[i] === '1'))
    const down = await whole(query('big', [{ column: 'grp', descending: true }]))
    expect(down.slice(0, 3).map((r) => r[1])).toEqual([null, null, null])
  })

  it('a table with no key pages by offset, in its sort order, and says why', async () => {
    const plan = await connection.pages!.plan(query('nokey'), { size: 2 }, db.name)
    expect(plan.info).toMatchObject({ mode: 'offset', cursor: [] })
    expect(plan.info.reason).toMatch(/no primary key/)
    const q = query('nokey', [{ column: 'n', descending: false }])
    const { rows, mode } = await paged(q, 2)
    expect(mode).toBe('offset')
    expect(rows.map((r) => exact(r[1]))).toEqual(['1', '1', '1', '2', '3', '4', '5'])
  })

  it('a filter still applies to every page, its values bound before the cursor’s', async () => {
    const q: TableQuery = { ...query('big', [{ column: 'grp', descending: false }]), where: 'grp IS NOT NULL' }
    q.conditions = [{ column: 'label', op: '<>', value: 'c' }]
    const all = await whole(q)
    expect(all.length).toBe(5)
    expect((await paged(q, 3)).rows).toEqual(all)
  })

  it('the first page reads only its rows on the server (counted engine-side where the engine counts)', async () => {
    const before = await harness.rowsProduced(connection)
    const plan = await connection.pages!.plan(query('big'), { size: 3 }, db.name)
    const built = harness.driver().tableQuery(query('big'), plan.clauses)
    const read = await collect(
      connection.stream(built.sql, { batchSize: 1000, params: built.params, database: db.name }),
    )
    expect(read.rows).toHaveLength(3)
    const produced = (await harness.rowsProduced(connection)) - before
    if (produced >= 0) expect(produced).toBeLessThanOrEqual(3 + 1)
  })
})
