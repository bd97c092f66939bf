import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { runImport } from '../../../src/main/services/import/import-runner'
import { DUCKDB } from '../../../src/shared/engines/duckdb'
import type { TestDatabase } from '../../helpers/engine-harness'
import { duckdbHarness } from '../../helpers/duckdb-harness'

/**
 * DuckDB's import bulk path (issue 17): each batch loaded by read_csv from a temporary CSV. Values
 * longer than read_csv's default line (2 MiB) still arrive whole.
 */
describe('duckdb: import through read_csv', () => {
  const harness = duckdbHarness()
  let db: TestDatabase
  let connection: DriverConnection
  let dir: string

  beforeAll(async () => {
    db = await harness.createDatabase('importcsv', ['CREATE TABLE wide (id BIGINT, body VARCHAR, note VARCHAR)'])
    connection = await harness.driver().connect(db.options)
    dir = await mkdtemp(join(tmpdir(), 'quarry-duckdb-import-'))
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
    await rm(dir, { recursive: true, force: true })
  })

  it('loads a 3 MiB value with quotes and line breaks exactly, NULL apart from empty', async () => {
    const body = `${'a,"b"\n'.repeat(512 * 1024)}end`
    const file = join(dir, 'wide.csv')
    await writeFile(file, `id,body,note\n1,"${body.replaceAll('"', '""')}",\n2,x,""\n`)
    const result = await runImport(
      { connection, quote: (n) => `"${n}"`, facts: DUCKDB.import, transactions: DUCKDB.transactions },
      {
        source: { file, format: 'delimited', delimiter: ',', nullMarkers: [''] },
        database: db.options.database,
        schema: 'main',
        table: 'wide',
        createTable: false,
        columns: [
          { source: 0, target: 'id', kind: 'bigint', format: null, type: 'x' },
          { source: 1, target: 'body', kind: 'text', format: null, type: 'x' },
          { source: 2, target: 'note', kind: 'text', format: null, type: 'x' },
        ],
        dryRun: false,
        onError: 'stop',
      },
      { rejectsPath: join(dir, 'rejects.csv') },
    )
    expect(result).toMatchObject({ rowsWritten: 2, rejected: 0, stoppedAt: null })
    const { rows } = await connection.execute('SELECT length(body), body = ?, note FROM wide ORDER BY id', {
      params: [body],
    })
    expect(rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)))).toEqual([
      [body.length, true, null],
      [1, false, ''],
    ])
  })
})
