import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { decodeRows } from '../../src/shared/contract'
import type { EventPayloads, TableQuery } from '../../src/shared/contract'
import { recordingClient } from './recording-client'

const PAYLOAD = "x' OR 1=1 --"

/** The table Data view's request through the contract: main builds the SQL, values as parameters. */
describe('table.query and its export over the contract, with the real SQLite driver', () => {
  let dir: string
  let services: AppServices
  const query: TableQuery = {
    schema: 'main',
    table: 'people',
    where: 'id < 4',
    conditions: [{ column: 'name', op: '<>', value: PAYLOAD }],
    sort: [{ column: 'id', descending: true }],
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-tablequery-'))
    const db = new Database(join(dir, 'sample.db'))
    db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
      INSERT INTO people VALUES (1, 'O''Brien'), (2, 'a\\b'), (3, 'x'), (4, 'y');`)
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
    })
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('streams the rows of the SQL it built, and answers that SQL with its parameters', async () => {
    const recorder = recordingClient()
    const started = await services.dispatch(
      'table.query',
      { connectionId: 'sample', queryId: 'data', query },
      recorder.client,
    )
    const sql = `SELECT * FROM "main"."people" WHERE (id < 4) AND "name" <> ? ORDER BY "id" DESC`
    expect(started).toEqual({ ok: true, value: { queryId: 'data', sql, params: [PAYLOAD] } })
    expect(await recorder.waitForEnd()).toMatchObject({ outcome: 'done', rowCount: 3 })
    const statement = recorder.events.find((e) => e.event === 'query.statement')
    expect(statement?.payload).toMatchObject({ sql })
    const rows = recorder.events
      .filter((e) => e.event === 'query.batch')
      .flatMap((e) => decodeRows((e.payload as EventPayloads['query.batch']).rows))
    expect(rows).toEqual([
      [3, 'x'],
      [2, 'a\\b'],
      [1, "O'Brien"],
    ])
  })

  it('refuses WHERE text that would start a second statement, running nothing', async () => {
    const recorder = recordingClient()
    const refused = await services.dispatch(
      'table.query',
      { connectionId: 'sample', queryId: 'evil', query: { ...query, where: '1); DELETE FROM people; SELECT (1' } },
      recorder.client,
    )
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    expect(recorder.events).toEqual([])
  })

  it('exports a table query by rebuilding it in main, and wants sql or tableQuery, not both', async () => {
    const path = join(dir, 'people.csv')
    const recorder = recordingClient()
    const request = { connectionId: 'sample', queryId: 'export', format: 'csv' as const, path }
    const started = await services.dispatch('export.start', { ...request, tableQuery: query }, recorder.client)
    expect(started).toEqual({ ok: true, value: { queryId: 'export', path } })
    const deadline = Date.now() + 5000
    while (!recorder.events.some((e) => e.event === 'export.end') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5))
    expect(recorder.events.find((e) => e.event === 'export.end')?.payload).toMatchObject({ outcome: 'done' })
    expect(readFileSync(path, 'utf8')).toBe("id,name\r\n3,x\r\n2,a\\b\r\n1,O'Brien\r\n")
    const both = await services.dispatch(
      'export.start',
      { ...request, queryId: 'both', sql: 'SELECT 1', tableQuery: query, overwrite: true },
      recorder.client,
    )
    expect(both).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })
})
