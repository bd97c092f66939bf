import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver, DriverConnection } from '../../src/main/drivers/driver'
import type { PlanNode } from '../../src/shared/contract'
import type { TestDatabase } from '../helpers/engine-harness'
import { engines } from './engines'

const JOIN =
  'SELECT books.title, authors.name FROM books JOIN authors ON authors.id = books.author_id WHERE books.published = 1'

const walk = (node: PlanNode): PlanNode[] => [node, ...node.children.flatMap(walk)]
const text = (node: PlanNode): string =>
  walk(node)
    .map((n) => `${n.label} ${n.details.map(([k, v]) => `${k}=${v}`).join(' ')}`)
    .join('\n')

/** Real EXPLAIN output of each engine, read into the one plan model. */
describe.each(engines.map((make) => [make().engine, make] as const))('%s: explain', (engine, make) => {
  const harness = make()
  let db: TestDatabase
  let driver: Driver
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('explain', harness.fixtures.catalog)
    driver = harness.driver()
    connection = await driver.connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  const explain = async (sql: string, analyze: boolean) => {
    const explainer = driver.explain!
    const statement = explainer.statement(sql, analyze, analyze ? await connection.version() : null)
    const result = await connection.execute(statement)
    if (process.env['QUARRY_PRINT_PLANS']) console.log(`[${engine}]`, JSON.stringify(result))
    return explainer.parse(result)
  }

  it('explains a join: both tables appear in the tree, with the estimates the engine gives', async () => {
    const root = await explain(JOIN, false)
    const all = text(root)
    expect(all).toMatch(/books/)
    expect(all).toMatch(/authors/)
    expect(walk(root).length).toBeGreaterThan(1)
    for (const node of walk(root)) {
      expect(node.actualRows).toBeNull()
      expect(node.actualTimeMs).toBeNull()
    }
    if (engine === 'sqlite') {
      // SQLite's EXPLAIN QUERY PLAN has no estimates.
      expect(walk(root).every((node) => node.estimatedCost === null)).toBe(true)
      return
    }
    expect(walk(root).some((node) => (node.estimatedRows ?? 0) > 0)).toBe(true)
    // DuckDB estimates cardinalities only, never costs.
    if (engine === 'duckdb') return
    // MariaDB before 11 prints no costs in its JSON plan; PostgreSQL and MySQL do.
    if (!/mariadb/i.test(await connection.version())) expect(root.estimatedCost).toBeGreaterThan(0)
  })

  it('measures the plan when asked (the statement runs), or says in words why the engine cannot', async () => {
    const version = await connection.version()
    if (engine === 'sqlite') {
      expect(() => driver.explain!.statement(JOIN, true, null)).toThrow(/SQLite cannot measure/)
      return
    }
    if (engine === 'mysql' && !/mariadb/i.test(version)) {
      expect(() => driver.explain!.statement(JOIN, true, version)).toThrow(/MariaDB/)
      return
    }
    const root = await explain(JOIN, true)
    const books = walk(root).find((node) => /\bbooks\b/.test(node.label))
    if (engine === 'duckdb') {
      // DuckDB filters inside the scan: the books scan produces the two published books.
      expect(books?.actualRows).toBe(2)
      expect(root.actualRows).toBe(2)
      expect(root.actualTimeMs).toBeGreaterThan(0)
    } else if (engine === 'postgres') {
      // Two of the three books are published: the join's result and the filtered scan both say 2.
      expect(root.actualRows).toBe(2)
      expect(books?.actualRows).toBe(2)
      expect(root.actualTimeMs).toBeGreaterThan(0)
    } else {
      // MariaDB counts the rows a table read (all three books) before the condition filters them.
      expect(books?.actualRows).toBe(3)
      expect(books?.actualTimeMs).toBeGreaterThan(0)
    }
  })
})
