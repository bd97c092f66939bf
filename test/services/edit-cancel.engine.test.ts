import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import type { ConnectionSummary, HistoryEntry, MethodName } from '../../src/shared/contract'
import { sleep } from '../helpers/streams'
import { recordingClient } from './recording-client'

/**
 * edits.cancel over the contract (a SQLite file another connection is writing, so the apply waits
 * for its lock): the payload validated, the apply stopped and answered as cancelled, nothing applied.
 */
describe('edits.cancel over the contract', () => {
  let dir: string
  let services: AppServices
  let connectionId: string
  const { client } = recordingClient()
  type Reply<T> = { ok: boolean; value?: T; error?: { kind: string; message: string } }
  const call = async <T>(method: MethodName, input: unknown) =>
    services.dispatch(method, input, client) as Promise<Reply<T>>
  const file = () => join(dir, 'shop.db')
  const rename = {
    target: { schema: 'main', table: 'items' },
    changes: [{ op: 'update', original: { id: 1, name: 'one' }, set: { name: { value: 'uno' } } }],
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-edit-cancel-'))
    const db = new Database(file())
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'one')")
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })
    const saved = await call<ConnectionSummary>('connections.save', {
      profile: { engine: 'sqlite', name: 'f', file: file() },
    })
    connectionId = saved.value!.id
  })
  afterAll(async () => {
    await services?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('validates its payload; an id that is not running answers false', async () => {
    expect((await call('edits.cancel', { applyId: 'a', extra: 1 })).error?.kind).toBe('invalid-input')
    expect((await call('edits.cancel', {})).error?.kind).toBe('invalid-input')
    expect((await call('edits.cancel', { applyId: 'nothing' })).value).toEqual({ cancelled: false })
    expect((await call('edits.apply', { connectionId, applyId: '', ...rename })).error?.kind).toBe('invalid-input')
  })

  it('stops an apply waiting for a lock: answered as cancelled, nothing applied, History says cancelled', async () => {
    const writer = new Database(file())
    try {
      writer.exec("BEGIN IMMEDIATE; UPDATE items SET name = 'theirs' WHERE id = 1")
      const applying = call('edits.apply', { connectionId, applyId: 'apply-1', ...rename })
      await sleep(500)
      const started = performance.now()
      expect((await call('edits.cancel', { applyId: 'apply-1' })).value).toEqual({ cancelled: true })
      expect(performance.now() - started).toBeLessThan(1000)
      const reply = await applying
      expect(reply.ok).toBe(false)
      expect(reply.error).toMatchObject({ kind: 'cancelled', message: 'Apply cancelled: every change was rolled back' })
      writer.exec('ROLLBACK')
      expect(writer.prepare('SELECT name FROM items').pluck().all()).toEqual(['one'])
      const [entry] = (await call<HistoryEntry[]>('history.search', { query: 'items' })).value!
      expect(entry).toMatchObject({ outcome: 'cancelled' })
      // The same apply, the lock gone, goes through.
      expect((await call('edits.apply', { connectionId, applyId: 'apply-1', ...rename })).value).toMatchObject({
        kind: 'applied',
      })
    } finally {
      writer.close()
    }
  })
})
