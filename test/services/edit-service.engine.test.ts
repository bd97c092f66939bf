import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import type { ConnectionSummary, EditOutcome, EditPlan, HistoryEntry, MethodName } from '../../src/shared/contract'
import { recordingClient } from './recording-client'

/**
 * edits.preview / edits.apply over the contract (SQLite files): payloads validated, read-only
 * connections refused, safe mode applying what was reviewed, the tab's session and its manual
 * commit, History keeping the statements.
 */
describe('edits over the contract', () => {
  let dir: string
  let services: AppServices
  const { client } = recordingClient()
  const call = async <T>(method: MethodName, input: unknown) =>
    services.dispatch(method, input, client) as Promise<{
      ok: boolean
      value?: T
      error?: { kind: string; message: string }
    }>
  const value = <T>(reply: { ok: boolean; value?: T; error?: { message: string } }): T => {
    if (!reply.ok) throw new Error(reply.error?.message)
    return reply.value as T
  }
  const file = () => join(dir, 'shop.db')
  const read = () => {
    const db = new Database(file(), { readonly: true })
    try {
      return db.prepare('SELECT id, name FROM items ORDER BY id').all()
    } finally {
      db.close()
    }
  }
  const ids: Record<string, string> = {}
  const target = { schema: 'main', table: 'items' }
  const rename = (from: string, to: string, id = 1) => ({
    target,
    changes: [{ op: 'update', original: { id, name: from }, set: { name: { value: to } } }],
  })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-edits-'))
    const db = new Database(file())
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'one'), (2, 'two')")
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })
    for (const [name, extra] of [
      ['plain', {}],
      ['read-only', { readOnly: true }],
      ['safe', { safeMode: true }],
    ] as const) {
      const profile = { engine: 'sqlite', name, file: file(), ...extra }
      ids[name] = value(await call<ConnectionSummary>('connections.save', { profile })).id
    }
  })
  afterAll(async () => {
    await services?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('previews the exact statements; a payload the contract does not allow is refused', async () => {
    const plan = value(await call<EditPlan>('edits.preview', { connectionId: ids['plain'], ...rename('one', 'uno') }))
    expect(plan.key).toEqual({ columns: ['id'], source: 'primary-key' })
    expect(plan.statements[0]).toMatchObject({
      sql: 'UPDATE "main"."items" SET "name" = ? WHERE "id" = CAST(? AS INTEGER) AND "name" = ?',
      params: ['uno', '1', 'one'],
      display: `UPDATE "main"."items" SET "name" = 'uno' WHERE "id" = CAST('1' AS INTEGER) AND "name" = 'one'`,
    })
    const bad = await call('edits.preview', { connectionId: ids['plain'], target, changes: [{ op: 'upsert' }] })
    expect(bad.ok).toBe(false)
    expect(bad.error?.kind).toBe('invalid-input')
    expect(read()).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ])
  })

  it('a read-only connection refuses, and nothing changes', async () => {
    const reply = await call('edits.apply', { connectionId: ids['read-only'], ...rename('one', 'uno') })
    expect(reply.ok).toBe(false)
    expect(reply.error?.kind).toBe('permission')
    expect(read()[0]).toEqual({ id: 1, name: 'one' })
  })

  it('safe mode applies what was reviewed (the review is the confirmation); History keeps the statements', async () => {
    const outcome = value(
      await call<EditOutcome>('edits.apply', { connectionId: ids['safe'], ...rename('one', 'uno') }),
    )
    expect(outcome).toMatchObject({ kind: 'applied', statements: 1, committed: true })
    expect(read()[0]).toEqual({ id: 1, name: 'uno' })
    const [entry] = value(await call<HistoryEntry[]>('history.search', { query: 'items' }))
    expect(entry).toMatchObject({ connectionId: ids['safe'], outcome: 'done', affectedRows: 1 })
    expect(entry!.sql).toContain(`UPDATE "main"."items" SET "name" = 'uno'`)
    expect(entry!.sql).toMatch(/^-- Edits of main\.items\nBEGIN;\n.*;\nCOMMIT;$/s)
    // Manual commit is off under safe mode, as for runs: the change is committed, nothing left open.
    const manual = { connectionId: ids['safe'], sessionId: 'safe-tab', manualCommit: true, ...rename('uno', 'one') }
    expect(value(await call<EditOutcome>('edits.apply', manual))).toMatchObject({
      kind: 'applied',
      committed: true,
      session: { transaction: 'idle' },
    })
    expect(read()[0]).toEqual({ id: 1, name: 'one' })
    await call('session.close', { sessionId: 'safe-tab' })
    expect(
      value(await call<EditOutcome>('edits.apply', { connectionId: ids['safe'], ...rename('one', 'uno') })),
    ).toMatchObject({ kind: 'applied' })
  })

  it("manual commit on the tab's session: the change waits in its open transaction until Commit", async () => {
    const sessionId = 'tab-1'
    const input = { connectionId: ids['plain'], sessionId, manualCommit: true, ...rename('two', 'deux', 2) }
    const outcome = value(await call<EditOutcome>('edits.apply', input))
    expect(outcome).toMatchObject({
      kind: 'applied',
      committed: false,
      session: { transaction: 'open', statements: 1 },
    })
    expect(read()[1]).toEqual({ id: 2, name: 'two' })
    const state = value(await call<{ transaction: string }>('session.transaction', { sessionId, action: 'commit' }))
    expect(state.transaction).toBe('idle')
    expect(read()[1]).toEqual({ id: 2, name: 'deux' })
    await call('session.close', { sessionId })
  })

  it("the review shows the transaction statements apply will run in the tab's session", async () => {
    const sessionId = 'tab-preview'
    const now = String((read()[0] as { name: string }).name)
    const base = { connectionId: ids['plain'], sessionId, ...rename(now, 'uno') }
    const wrapper = async (input: object) => value(await call<EditPlan>('edits.preview', input)).transaction
    // No session yet, auto-commit: BEGIN … COMMIT; manual commit: BEGIN, and no COMMIT (it waits for the user's).
    expect(await wrapper(base)).toEqual({ begin: 'BEGIN', end: 'COMMIT' })
    expect(await wrapper({ ...base, manualCommit: true })).toEqual({ begin: 'BEGIN', end: '' })
    // The tab's transaction is open (an apply in manual commit left it so): a savepoint, released.
    expect(value(await call<EditOutcome>('edits.apply', { ...base, manualCommit: true })).kind).toBe('applied')
    const inside = await wrapper({ ...base, ...rename('uno', now) })
    expect(inside.begin).toMatch(/^SAVEPOINT /)
    expect(inside.end).toMatch(/^RELEASE /)
    await call('session.transaction', { sessionId, action: 'rollback' })
    expect(await wrapper(base)).toEqual({ begin: 'BEGIN', end: 'COMMIT' })
    await call('session.close', { sessionId })
  })

  it('a conflict is an answer (not an error), recorded in History as not applied', async () => {
    const outcome = value(await call<EditOutcome>('edits.apply', { connectionId: ids['plain'], ...rename('one', 'x') }))
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind === 'conflict') expect(outcome.conflicts[0]!.current).toEqual({ id: 1, name: 'uno' })
    const [entry] = value(await call<HistoryEntry[]>('history.search', { query: 'items' }))
    expect(entry).toMatchObject({ outcome: 'error', error: { message: expect.stringMatching(/rolled back/) } })
    expect(read()[0]).toEqual({ id: 1, name: 'uno' })
  })
})
