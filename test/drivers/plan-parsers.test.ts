import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QueryResult } from '../../src/main/drivers/driver'
import { mysqlExplainer, parseMysqlPlan } from '../../src/main/drivers/mysql/mysql-explain'
import { parsePostgresPlan, postgresExplainer } from '../../src/main/drivers/postgres/postgres-explain'
import { parseSqlitePlan } from '../../src/main/drivers/sqlite/sqlite-explain'
import type { PlanNode } from '../../src/shared/contract'

/** EXPLAIN output captured from the throwaway servers (test/drivers/explain.test.ts, QUARRY_PRINT_PLANS=1). */
const captured = (name: string): QueryResult =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'plans', name), 'utf8')) as QueryResult

/** label, estimated rows/cost, actual rows/time, children: the shape a tree view draws. */
type Shape = [string, number | null, number | null, number | null, number | null, Shape[]?]
const shape = (node: PlanNode): Shape => {
  const { label, estimatedRows, estimatedCost, actualRows, actualTimeMs } = node
  if (!node.children.length) return [label, estimatedRows, estimatedCost, actualRows, actualTimeMs]
  return [label, estimatedRows, estimatedCost, actualRows, actualTimeMs, node.children.map(shape)]
}
const detail = (node: PlanNode, name: string) => node.details.find(([key]) => key === name)?.[1]

describe('plan parsers, on real EXPLAIN output', () => {
  it('SQLite: EXPLAIN QUERY PLAN rows become a tree by parent id', () => {
    expect(shape(parseSqlitePlan(captured('sqlite-join.json')))).toEqual([
      'QUERY PLAN',
      null,
      null,
      null,
      null,
      [
        ['SCAN books', null, null, null, null],
        ['SEARCH authors USING INTEGER PRIMARY KEY (rowid=?)', null, null, null, null],
      ],
    ])
  })

  it('SQLite: a nested plan (a subquery) hangs under its parent row', () => {
    const result: QueryResult = {
      columns: ['id', 'parent', 'notused', 'detail'].map((name) => ({ name, type: null })),
      rows: [
        [2, 0, 0, 'SCAN t'],
        [5, 0, 0, 'CORRELATED SCALAR SUBQUERY 1'],
        [9, 5, 0, 'SEARCH u USING INDEX u_t (t_id=?)'],
      ],
      affectedRows: null,
    }
    const root = parseSqlitePlan(result)
    expect(root.children.map((node) => node.label)).toEqual(['SCAN t', 'CORRELATED SCALAR SUBQUERY 1'])
    expect(root.children[1]?.children.map((node) => node.label)).toEqual(['SEARCH u USING INDEX u_t (t_id=?)'])
  })

  it('PostgreSQL: FORMAT JSON nodes with costs, relations and their other facts as details', () => {
    const root = postgresExplainer.parse(captured('postgres-join.json'))
    expect(shape(root)).toEqual([
      'Nested Loop',
      2,
      2.11,
      null,
      null,
      [
        ['Seq Scan on books', 2, 1.04, null, null],
        ['Materialize', 2, 1.03, null, null, [['Seq Scan on authors', 2, 1.02, null, null]]],
      ],
    ])
    expect(detail(root, 'Join Filter')).toBe('(books.author_id = authors.id)')
    expect(detail(root.children[0]!, 'Filter')).toBe('(published = 1)')
  })

  it('PostgreSQL: ANALYZE actuals are totals over loops; planning and execution time on the root', () => {
    const root = postgresExplainer.parse(captured('postgres-join-analyze.json'))
    expect(root.actualRows).toBe(2)
    const materialize = root.children[1]!
    // Materialize ran twice (once per outer row), 2 rows each time.
    expect(detail(materialize, 'Actual Loops')).toBeUndefined()
    expect(materialize.actualRows).toBe(4)
    expect(detail(root, 'Execution Time')).toMatch(/^\d/)
    expect(detail(root, 'Planning Time')).toMatch(/^\d/)
  })

  it('PostgreSQL: a document without a Plan is a typed error, not a crash', () => {
    expect(() => parsePostgresPlan([{ nope: 1 }])).toThrow(/no "Plan" object/)
    expect(() => parsePostgresPlan('x')).toThrow(/Unexpected EXPLAIN output from PostgreSQL/)
  })

  it('MariaDB: EXPLAIN FORMAT=JSON nested_loop and block-nl-join operations become nodes', () => {
    const root = mysqlExplainer.parse(captured('mariadb-join.json'))
    expect(shape(root)).toEqual([
      'query_block #1',
      null,
      null,
      null,
      null,
      [
        ['table authors (ALL)', 2, null, null, null],
        ['block-nl-join', null, null, null, null, [['table books (ALL)', 3, null, null, null]]],
      ],
    ])
    expect(detail(root.children[1]!, 'attached_condition')).toBe('books.author_id = `authors`.`id`')
    expect(detail(root.children[0]!, 'possible_keys')).toBe('PRIMARY')
  })

  it('MariaDB: ANALYZE FORMAT=JSON gives rows read and time per table', () => {
    const result = captured('mariadb-join-analyze.json')
    const root = mysqlExplainer.parse(result)
    const books = root.children[1]!.children[0]!
    expect(books.label).toBe('table books (ALL)')
    expect(books.actualRows).toBe(3)
    // The same numbers as the document holds, read independently here.
    const raw = JSON.parse(String(result.rows[0]![0])) as {
      query_block: {
        r_total_time_ms: number
        nested_loop: [unknown, { 'block-nl-join': { table: Record<string, number> } }]
      }
    }
    const table = raw.query_block.nested_loop[1]['block-nl-join'].table
    expect(books.actualTimeMs).toBeCloseTo(table['r_table_time_ms']! + table['r_other_time_ms']!, 12)
    expect(root.actualTimeMs).toBe(raw.query_block.r_total_time_ms)
  })

  it('MySQL: costs come from cost_info (a table: read + eval; the block: the query cost)', () => {
    const root = parseMysqlPlan({
      query_block: {
        select_id: 1,
        cost_info: { query_cost: '1.20' },
        ordering_operation: {
          using_filesort: true,
          table: {
            table_name: 'orders',
            access_type: 'ref',
            key: 'customer_id',
            rows_examined_per_scan: 3,
            rows_produced_per_join: 3,
            cost_info: { read_cost: '0.75', eval_cost: '0.30', prefix_cost: '1.05' },
          },
        },
      },
    })
    expect(shape(root)).toEqual([
      'query_block #1',
      null,
      1.2,
      null,
      null,
      [['ordering_operation', null, null, null, null, [['table orders (ref)', 3, 1.05, null, null]]]],
    ])
    expect(detail(root.children[0]!, 'using_filesort')).toBe('true')
  })

  it('MySQL: ANALYZE needs MariaDB, said in words', () => {
    expect(mysqlExplainer.statement('SELECT 1', true, '10.11.6-MariaDB')).toBe('ANALYZE FORMAT=JSON SELECT 1')
    expect(() => mysqlExplainer.statement('SELECT 1', true, '8.0.36')).toThrow(/need MariaDB/)
    expect(mysqlExplainer.statement('SELECT 1', false, null)).toBe('EXPLAIN FORMAT=JSON SELECT 1')
  })
})
