import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { ResultColumn, WireValue } from '../../src/shared/contract'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

const byColumn = (columns: ResultColumn[], row: WireValue[] | undefined) =>
  Object.fromEntries(columns.map((column, i) => [column.name, row?.[i]]))

describe.each(engines.map((make) => [make().engine, make] as const))('%s: value types', (_engine, make) => {
  const harness = make()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('types', harness.fixtures.values.setup)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('streams every value exactly, through the wire encoding', async () => {
    const { columns, rows } = await collect(
      connection.stream(harness.fixtures.queries.vals, { queryId: 'types', batchSize: 4 }),
    )
    expect(rows).toHaveLength(1)
    expect(byColumn(columns, rows[0])).toEqual(harness.fixtures.values.expected)
  })

  it('returns the same exact values from execute', async () => {
    const result = await connection.execute(harness.fixtures.queries.vals)
    expect(byColumn(result.columns, result.rows[0])).toEqual(harness.fixtures.values.expected)
    expect(result.affectedRows).toBeNull()
  })
})
