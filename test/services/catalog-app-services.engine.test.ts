import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { recordingClient } from './recording-client'

/** The tree's catalog extras through the contract, with the real SQLite driver: triggers and exact counts. */
describe('meta.objects and meta.countRows over the contract (SQLite)', () => {
  let dir: string
  let services: AppServices
  const client = () => recordingClient().client

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-catalog-'))
    const db = new Database(join(dir, 'sample.db'))
    db.exec(`CREATE TABLE "odd ""name""" (id INTEGER PRIMARY KEY, v TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234)
      INSERT INTO "odd ""name""" SELECT i, 'x' FROM n;
      CREATE TABLE log (at TEXT);
      CREATE TRIGGER odd_insert AFTER INSERT ON "odd ""name""" BEGIN INSERT INTO log VALUES ('now'); END;
      CREATE VIEW slow AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000)
        SELECT i FROM n;`)
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

  it('lists a schema’s triggers with the table they fire on', async () => {
    const answer = await services.dispatch(
      'meta.objects',
      { connectionId: 'sample', database: 'sample', schema: 'main' },
      client(),
    )
    expect(answer).toEqual({
      ok: true,
      value: [{ kind: 'trigger', schema: 'main', name: 'odd_insert', detail: 'on odd "name"' }],
    })
  })

  it('counts a table exactly, its name quoted', async () => {
    const input = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'odd "name"' }
    expect(await services.dispatch('meta.countRows', input, client())).toEqual({ ok: true, value: { count: '1234' } })
  })

  it('counts only the rows matching conditions, their values bound (what Referenced by shows)', async () => {
    const input = {
      connectionId: 'sample',
      database: 'sample',
      schema: 'main',
      table: 'odd "name"',
      conditions: [
        { column: 'id', op: '<=' as const, value: '10' },
        { column: 'v', op: '=' as const, value: "x' OR 1=1 --" },
      ],
    }
    expect(await services.dispatch('meta.countRows', input, client())).toEqual({ ok: true, value: { count: '0' } })
    input.conditions[1]!.value = 'x'
    expect(await services.dispatch('meta.countRows', input, client())).toEqual({ ok: true, value: { count: '10' } })
  })

  it('counts at most atMost rows: a bigger match answers "at least", an exact one under it stays exact', async () => {
    const input = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'odd "name"', atMost: 1000 }
    expect(await services.dispatch('meta.countRows', input, client())).toEqual({
      ok: true,
      value: { count: '1000', atLeast: true },
    })
    expect(await services.dispatch('meta.countRows', { ...input, atMost: 1234 }, client())).toEqual({
      ok: true,
      value: { count: '1234' },
    })
    const conditions = [{ column: 'id', op: '<=' as const, value: '10' }]
    expect(await services.dispatch('meta.countRows', { ...input, atMost: 5, conditions }, client())).toEqual({
      ok: true,
      value: { count: '5', atLeast: true },
    })
    // A view of two billion rows (slow above) is not read to its end under a bound.
    const started = Date.now()
    const slow = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'slow', atMost: 10 }
    expect(await services.dispatch('meta.countRows', slow, client())).toEqual({
      ok: true,
      value: { count: '10', atLeast: true },
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('answers a missing table as an error value, not a count', async () => {
    const input = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'nope' }
    const answer = await services.dispatch('meta.countRows', input, client())
    expect(answer.ok).toBe(false)
    if (!answer.ok) expect(answer.error.message).toMatch(/no such table/)
  })

  it('stops a running count in the engine when its client cancels it, and only that client can', async () => {
    const mine = client()
    const input = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'slow', countId: 'c1' }
    const started = Date.now()
    const answer = services.dispatch('meta.countRows', input, mine)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await services.dispatch('meta.cancelCount', { countId: 'c1' }, client())).toEqual({
      ok: true,
      value: { cancelled: false },
    })
    expect(await services.dispatch('meta.cancelCount', { countId: 'c1' }, mine)).toEqual({
      ok: true,
      value: { cancelled: true },
    })
    const result = await answer
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    expect(Date.now() - started).toBeLessThan(10_000)
    // The connection is usable again at once.
    const small = { connectionId: 'sample', database: 'sample', schema: 'main', table: 'log' }
    expect(await services.dispatch('meta.countRows', small, mine)).toEqual({ ok: true, value: { count: '0' } })
  })
})
