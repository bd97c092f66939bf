import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionEdits, DriverConnection } from '../../src/main/drivers/driver'
import type { EditOutcome, EditRequest, RowChange, WireValue } from '../../src/shared/contract'
import { engineOf } from '../../src/shared/engines/engine-list'
import { EDIT_FIXTURES } from '../helpers/edit-fixtures'
import { notRunBecause } from '../helpers/engine-harness'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf } from '../helpers/streams'
import { engines } from './engines'

/**
 * Editing rows (issue "Edit data with proof") on every SQL engine with a server here: changes
 * applied in one transaction and seen by a plain query; a row changed by another connection makes
 * the apply roll back with the conflict and the row as it is now; keys (composite, chosen) and
 * the exact round trip of hostile values, read through the normal query path and written back.
 */
const withEdits = engines.filter((make) => EDIT_FIXTURES[make().engine] !== undefined)

describe.each(withEdits.map((make) => [make().engine, make] as const))('%s: edits', (engine, make) => {
  const harness = make()
  const fixture = EDIT_FIXTURES[engine]!
  let db: TestDatabase
  let connection: DriverConnection
  let other: DriverConnection
  let edits: ConnectionEdits
  const q = (name: string) => harness.driver().quoteIdentifier(name)
  const rows = async (sql: string, on: DriverConnection = connection) =>
    (await collect(on.stream(sql, { batchSize: 1000 }))).rows
  const read = async (table: string, order: string) => {
    const result = await collect(connection.stream(`SELECT * FROM ${q(table)} ORDER BY ${order}`, { batchSize: 1000 }))
    const names = result.columns.map((c) => c.name)
    return result.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])))
  }
  const request = (table: string, changes: RowChange[], keyColumns?: string[]): EditRequest => ({
    target: { schema: db.schema, table },
    changes,
    ...(keyColumns ? { keyColumns } : {}),
  })
  const apply = (req: EditRequest, options: Partial<Parameters<ConnectionEdits['apply']>[1]> = {}) =>
    edits.apply(req, { database: db.name, manualCommit: false, ...options })
  const applied = (outcome: EditOutcome) => {
    expect(outcome.kind, JSON.stringify(outcome)).toBe('applied')
  }

  beforeAll(async () => {
    db = await harness.createDatabase('edits', fixture.setup)
    connection = await harness.driver().connect(db.options)
    // A DuckDB file opens in one process only: its other sessions are the connection's pooled ones.
    other = engine === 'duckdb' ? connection : await harness.driver().connect(db.options)
    if (!connection.edits) throw new Error(`${engine} connections have no edits`)
    edits = connection.edits
  })
  afterAll(async () => {
    await connection?.close()
    if (other !== connection) await other?.close()
    await harness.cleanup()
  })

  it('previews the key and the statements, values bound; runs nothing', async () => {
    const [row] = await read('items', 'id')
    const plan = await edits.preview(
      request('items', [{ op: 'update', original: row!, set: { name: { value: 'uno' } } }]),
      {
        database: db.name,
      },
    )
    expect(plan.key).toEqual({ columns: ['id'], source: 'primary-key' })
    expect(plan.statements).toHaveLength(1)
    expect(plan.statements[0]!.params).toContain('uno')
    expect(plan.statements[0]!.sql).not.toContain('uno')
    expect(plan.statements[0]!.display).toContain("'uno'")
    expect(plan.transaction.begin).toBe(engineOf(engine).transactions!.begin)
    expect((await read('items', 'id'))[0]!['name']).toBe('one')
  })

  it('applies an update, an insert and a delete in one transaction, seen by a plain query', async () => {
    const before = await read('items', 'id')
    const outcome = await apply(
      request('items', [
        { op: 'update', original: before[0]!, set: { name: { value: 'uno' }, qty: { value: null } } },
        { op: 'insert', values: { id: { value: 4 }, name: { value: '' } } },
        { op: 'delete', original: before[2]! },
      ]),
    )
    applied(outcome)
    if (outcome.kind === 'applied') expect(outcome.committed).toBe(true)
    expect(await rows(`SELECT id, name, qty FROM ${q('items')} ORDER BY id`, other)).toEqual([
      [1, 'uno', null],
      [2, 'two', 20],
      [4, '', null],
    ])
  })

  it('an update setting the value a row already has still counts as its one row', async () => {
    const [row] = await read('items', 'id')
    applied(await apply(request('items', [{ op: 'update', original: row!, set: { name: { value: row!['name']! } } }])))
  })

  it('a row changed by another connection: everything rolls back, the conflict carries the row as it is now', async () => {
    const before = await read('items', 'id')
    await rows(`UPDATE ${q('items')} SET name = 'theirs' WHERE id = 2`, other)
    const outcome = await apply(
      request('items', [
        { op: 'update', original: before[0]!, set: { name: { value: 'mine-1' } } },
        { op: 'update', original: before[1]!, set: { name: { value: 'mine-2' } } },
        { op: 'delete', original: before[2]! },
      ]),
    )
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind !== 'conflict') return
    expect(outcome.conflicts).toHaveLength(1)
    const [conflict] = outcome.conflicts
    expect(conflict!.change).toBe(1)
    expect(conflict!.affected).toBe(0)
    expect(conflict!.current).toMatchObject({ id: 2, name: 'theirs' })
    expect(await rows(`SELECT id, name FROM ${q('items')} ORDER BY id`, other)).toEqual([
      [1, before[0]!['name']],
      [2, 'theirs'],
      [4, before[2]!['name']],
    ])
  })

  it('a row deleted meanwhile is a conflict whose current row is null', async () => {
    const before = await read('items', 'id')
    await rows(`DELETE FROM ${q('items')} WHERE id = 4`, other)
    const outcome = await apply(request('items', [{ op: 'delete', original: before[2]! }]))
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind === 'conflict')
      expect(outcome.conflicts[0]).toMatchObject({ change: 0, affected: 0, current: null })
  })

  it('a composite key: each statement names every key column', async () => {
    const before = await read('pairs', 'a, b')
    const outcome = await apply(
      request('pairs', [{ op: 'update', original: before[1]!, set: { note: { value: 'changed' } } }]),
    )
    applied(outcome)
    expect(await rows(`SELECT a, b, note FROM ${q('pairs')} ORDER BY a, b`)).toEqual([
      [1, 'x', 'first'],
      [1, 'y', 'changed'],
      [2, 'x', 'third'],
    ])
  })

  it('a table without a key is refused with the reason, unless a key is chosen; a chosen key matching two rows conflicts', async () => {
    const before = await read('loose', 'tag, note')
    const change: RowChange = { op: 'update', original: before[2]!, set: { note: { value: 'z' } } }
    const error = await failureOf(edits.preview(request('loose', [change]), { database: db.name }), 'invalid-input')
    expect(error.message).toMatch(/no primary key.*choose/)
    const solo = before.find((r) => r['tag'] === 'solo')!
    applied(await apply(request('loose', [{ op: 'update', original: solo, set: { note: { value: 'z' } } }], ['tag'])))
    const dup = before.find((r) => r['tag'] === 'dup')!
    const outcome = await apply(request('loose', [{ op: 'delete', original: { tag: dup['tag']! } }], ['tag']))
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind === 'conflict') expect(outcome.conflicts[0]!.affected).toBe(2)
    expect(await rows(`SELECT tag, note FROM ${q('loose')} ORDER BY tag, note`)).toEqual([
      ['dup', 'b'],
      ['dup', 'c'],
      ['solo', 'z'],
    ])
  })

  it('hostile values round-trip exactly: written back unchanged, swapped between rows, inserted, deleted by full guard', async () => {
    const before = await read('corpus', 'id')
    const [one, two] = [before[0]!, before[1]!]
    const valuesOf = (row: Record<string, WireValue>) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([name]) => name !== 'id')
          .map(([name, value]) => [name, { value }]),
      )
    // Unchanged: every column written back as read; nothing differs afterwards.
    applied(await apply(request('corpus', [{ op: 'update', original: one, set: valuesOf(one) }])))
    applied(await apply(request('corpus', [{ op: 'update', original: two, set: valuesOf(two) }])))
    expect(await read('corpus', 'id')).toEqual(before)
    // Edited: each row takes the other's values (every column guarded by its original).
    applied(
      await apply(
        request('corpus', [
          { op: 'update', original: one, set: valuesOf(two) },
          { op: 'update', original: two, set: valuesOf(one) },
        ]),
      ),
    )
    const swapped = await read('corpus', 'id')
    expect(swapped[0]).toEqual({ ...two, id: one['id'] })
    expect(swapped[1]).toEqual({ ...one, id: two['id'] })
    // Inserted with row one's values, then deleted with every column in its guard.
    applied(await apply(request('corpus', [{ op: 'insert', values: { id: { value: 3 }, ...valuesOf(one) } }])))
    const [, , three] = await read('corpus', 'id')
    expect(three).toEqual({ ...one, id: 3 })
    applied(await apply(request('corpus', [{ op: 'delete', original: three! }])))
    expect(await read('corpus', 'id')).toHaveLength(2)
  })

  it('text typed into typed columns is converted by the column type, exactly (no rounding, no double)', async () => {
    const [row] = await read('corpus', 'id')
    const set = Object.fromEntries(Object.entries(fixture.typed.set).map(([name, value]) => [name, { value }]))
    applied(await apply(request('corpus', [{ op: 'update', original: row!, set }])))
    const [after] = await read('corpus', 'id')
    expect(after).toEqual({ ...row, ...fixture.typed.read })
  })

  it('a statement the server refuses: everything rolls back, the error names the change', async () => {
    const before = await read('items', 'id')
    const work = apply(
      request('items', [
        { op: 'update', original: before[0]!, set: { name: { value: 'not kept' } } },
        { op: 'insert', values: { id: { value: before[1]!['id']! }, name: { value: 'duplicate key' } } },
      ]),
    )
    const failure = await work.then(
      () => null,
      (error: unknown) => error as Error,
    )
    expect(failure?.message).toMatch(/^Change 2 failed, so every change was rolled back: /)
    expect(await read('items', 'id')).toEqual(before)
  })

  it('a COMMIT the server refuses (a deferred constraint) is told as such; nothing is kept', async () => {
    if (engine !== 'postgres') {
      notRunBecause(engine, 'failed COMMIT', 'deferred constraints are checked here on PostgreSQL only')
      return
    }
    await rows(
      'CREATE TABLE dfk (id integer PRIMARY KEY, ref integer REFERENCES dfk (id) DEFERRABLE INITIALLY DEFERRED)',
    )
    const work = apply(request('dfk', [{ op: 'insert', values: { id: { value: 1 }, ref: { value: 999 } } }]))
    expect((await failureOf(work, 'invalid-input')).message).toMatch(
      /^COMMIT failed, so every change was rolled back: .*foreign key/,
    )
    expect(await rows('SELECT count(*) FROM dfk')).toEqual([[0]])
  })

  it('DEFAULT: an insert leaves the column to its default, an update sets it back to it', async () => {
    await rows(`CREATE TABLE defs (id INTEGER NOT NULL PRIMARY KEY, d VARCHAR(10) DEFAULT 'dflt', e VARCHAR(10))`)
    applied(
      await apply(
        request('defs', [{ op: 'insert', values: { id: { value: 1 }, d: { default: true }, e: { value: 'e' } } }]),
      ),
    )
    expect(await read('defs', 'id')).toEqual([{ id: 1, d: 'dflt', e: 'e' }])
    await rows(`UPDATE defs SET d = 'changed'`)
    const [row] = await read('defs', 'id')
    applied(
      await apply(
        request('defs', [{ op: 'update', original: row!, set: { d: { default: true }, e: { value: null } } }]),
      ),
    )
    expect(await read('defs', 'id')).toEqual([{ id: 1, d: 'dflt', e: null }])
  })

  it('64-bit values one apart (±2^63 edges), unindexed: compared as integers, so exactly one row matches', async () => {
    // No index on k (a chosen key): an engine comparing it with text as doubles would match two rows.
    const big = q('big"keys?')
    await rows(`CREATE TABLE ${big} (k BIGINT NOT NULL, ${q("v'$1 --")} VARCHAR(20))`)
    await rows(
      `INSERT INTO ${big} VALUES (9223372036854775807, 'max'), (9223372036854775806, 'max-1'), ` +
        `(-9223372036854775808, 'min'), (-9223372036854775807, 'min+1')`,
    )
    const table = 'big"keys?'
    const before = await read(table, 'k')
    const outcome = await apply(
      request(
        table,
        [
          { op: 'update', original: before[3]!, set: { "v'$1 --": { value: 'MAX' } } },
          { op: 'delete', original: before[0]! },
        ],
        ['k'],
      ),
    )
    applied(outcome)
    expect(await read(table, 'k')).toEqual([before[1], before[2], { ...before[3], "v'$1 --": 'MAX' }])
  })

  it('a failed transaction in the tab is refused with the reason; nothing runs', async () => {
    const tab = await connection.openSession!(db.name)
    const { begin, rollback } = engineOf(engine).transactions!
    const run = (sql: string) => collect(connection.stream(sql, { batchSize: 100, session: tab.held }))
    try {
      await run(begin)
      await run('SELECT * FROM no_such_table').catch(() => {})
      const state = await tab.transaction()
      if (state !== 'failed') {
        notRunBecause(engine, 'failed transaction refused', `an error leaves its transaction ${state}, not failed`)
        return
      }
      const [row] = await read('items', 'id')
      const work = apply(request('items', [{ op: 'update', original: row!, set: { qty: { value: 1 } } }]), {
        session: tab.held,
        transaction: state,
      })
      expect((await failureOf(work, 'invalid-input')).message).toMatch(/failed.*roll it back/)
      await run(rollback)
    } finally {
      await tab.close()
    }
  })

  it("manual commit leaves the changes in the tab's open transaction; only its commit makes them everyone's", async () => {
    const tab = await connection.openSession!(db.name)
    try {
      const before = await read('items', 'id')
      const outcome = await apply(
        request('items', [{ op: 'update', original: before[0]!, set: { qty: { value: 99 } } }]),
        {
          session: tab.held,
          transaction: await tab.transaction(),
          manualCommit: true,
        },
      )
      applied(outcome)
      if (outcome.kind === 'applied') expect(outcome.committed).toBe(false)
      expect(await tab.transaction()).toBe('open')
      expect(await rows(`SELECT qty FROM ${q('items')} WHERE id = 1`, other)).toEqual([[before[0]!['qty']]])
      await collect(connection.stream(engineOf(engine).transactions!.rollback, { batchSize: 1, session: tab.held }))
    } finally {
      await tab.close()
    }
  })

  it("in an open transaction a conflict undoes only the apply's own changes (a savepoint), or is refused without one", async () => {
    const tab = await connection.openSession!(db.name)
    const { begin, rollback } = engineOf(engine).transactions!
    const run = (sql: string) => collect(connection.stream(sql, { batchSize: 100, session: tab.held }))
    try {
      await run(begin)
      await run(`UPDATE ${q('items')} SET qty = 7 WHERE id = 2`)
      const before = await read('items', 'id')
      const stale = { ...before[0]!, name: 'not what it is' }
      const work = apply(
        request('items', [
          { op: 'update', original: before[1]!, set: { qty: { value: 8 } } },
          { op: 'update', original: stale, set: { name: { value: 'x' } } },
        ]),
        { session: tab.held, transaction: await tab.transaction() },
      )
      if (engine === 'duckdb') {
        expect((await failureOf(work, 'invalid-input')).message).toMatch(/savepoints/)
      } else {
        expect((await work).kind).toBe('conflict')
        expect(await tab.transaction()).toBe('open')
        expect((await run(`SELECT qty FROM ${q('items')} WHERE id = 2`)).rows).toEqual([[7]])
      }
      await run(rollback)
    } finally {
      await tab.close()
    }
  })
})
