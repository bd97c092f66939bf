import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ConnectionSummary, Result } from '../../src/shared/contract'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { createDriverRegistry } from '../../src/main/drivers/registry'
import { recordingClient } from './recording-client'

const SECRET = 'hunter2-but-longer'

/** Saved connections through the whole stack: contract → dispatcher → services → store → driver. */
describe('saved connections over the contract', () => {
  let dir: string
  let services: AppServices
  const { client } = recordingClient()
  const call = (method: string, input: unknown) => services.dispatch(method, input, client)
  const start = () =>
    createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-saved-'))
    for (const name of ['sample.db', 'other.db']) {
      const db = new Database(join(dir, name))
      db.exec(`CREATE TABLE ${name === 'sample.db' ? 'a' : 'b'} (id INTEGER)`)
      db.close()
    }
    services = start()
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('saves a connection, lists it after the sample, gets it without its password, and keeps it over a restart', async () => {
    const profile = {
      name: 'app@127.0.0.1/sales',
      engine: 'postgres',
      host: '127.0.0.1',
      user: 'app',
      database: 'sales',
    }
    const saved = (await call('connections.save', { profile, password: SECRET })) as Result<ConnectionSummary>
    expect(saved).toMatchObject({ ok: true, value: { name: profile.name, engine: 'postgres' } })
    const id = saved.ok ? saved.value.id : ''
    expect(saved.ok && saved.value.detail).toBe('app@127.0.0.1:5432/sales')

    const list = await call('connections.list', {})
    expect(list).toMatchObject({
      ok: true,
      value: [
        { id: 'sample', builtIn: true },
        { id, name: profile.name },
      ],
    })
    const got = await call('connections.get', { connectionId: id })
    expect(got).toEqual({ ok: true, value: { id, profile, hasPassword: true, hasSshSecret: false } })
    for (const answer of [list, got, saved]) expect(JSON.stringify(answer)).not.toContain(SECRET)

    await services.close()
    services = start()
    expect(await call('connections.get', { connectionId: id })).toEqual(got)
    expect(await call('connections.status', {})).toMatchObject({
      ok: true,
      value: { dataDir: join(dir, 'data'), problems: [], secrets: { kind: 'private-file' } },
    })
    expect(readFileSync(join(dir, 'data', 'connections.json'), 'utf8')).not.toContain(SECRET)
  })

  for (const engine of ['postgres', 'mysql', 'mongodb'] as const) {
    const registered = createDriverRegistry().has(engine)
    it(`tests an unreachable ${engine} server (127.0.0.1:1) and says why in words (${registered ? 'driver registered' : 'no driver in this build'})`, async () => {
      const profile = { name: 'x', engine, host: '127.0.0.1', port: 1, user: 'u', connectTimeoutMs: 3000 }
      const result = await call('connections.test', { profile, password: 'p' })
      expect(result.ok).toBe(false)
      if (result.ok) return
      if (registered) {
        expect(result.error).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED' })
        expect(result.error.message).toBe(
          'The server at 127.0.0.1:1 refused the connection. Is the server running, and listening on that port?',
        )
      } else {
        expect(result.error).toMatchObject({ kind: 'not-found', engine })
        expect(result.error.message).toMatch(`no ${engine} driver`)
      }
    })
  }

  it('tests a SQLite file: the server version on success, a clear error for a missing file (never created)', async () => {
    const ok = await call('connections.test', { profile: { name: 'o', engine: 'sqlite', file: join(dir, 'other.db') } })
    expect(ok).toMatchObject({ ok: true, value: { engine: 'sqlite', driverName: 'SQLite' } })
    expect(ok.ok && (ok.value as { serverVersion: string }).serverVersion).toMatch(/^3\.\d+/)
    const missing = join(dir, 'missing.db')
    const failed = await call('connections.test', { profile: { name: 'm', engine: 'sqlite', file: missing } })
    expect(failed).toMatchObject({ ok: false, error: { engine: 'sqlite', kind: 'connection' } })
    expect(!failed.ok && failed.error.message).toMatch(/^Cannot open .*missing.db/)
    expect(() => readFileSync(missing)).toThrow()
  })

  it('edits a saved connection: the tree browses the new target at once', async () => {
    const file = (name: string) => ({ name: 'local', engine: 'sqlite', file: join(dir, name) })
    const saved = (await call('connections.save', { profile: file('sample.db') })) as Result<ConnectionSummary>
    const id = saved.ok ? saved.value.id : ''
    const tables = () => call('meta.tables', { connectionId: id, database: 'sample', schema: 'main' })
    expect(await tables()).toMatchObject({ ok: true, value: [{ name: 'a' }] })
    await call('connections.save', { connectionId: id, profile: file('other.db') })
    const databases = await call('meta.databases', { connectionId: id })
    expect(databases).toMatchObject({ ok: true, value: [{ name: 'other' }] })
    expect(await call('meta.tables', { connectionId: id, database: 'other', schema: 'main' })).toMatchObject({
      ok: true,
      value: [{ name: 'b' }],
    })
  })

  it('deletes a saved connection, and refuses to edit or delete the sample', async () => {
    const list = (await call('connections.list', {})) as Result<ConnectionSummary[]>
    const ids = list.ok ? list.value.filter((c) => !c.builtIn).map((c) => c.id) : []
    for (const connectionId of ids)
      expect(await call('connections.delete', { connectionId })).toEqual({ ok: true, value: { deleted: true } })
    expect(await call('connections.list', {})).toMatchObject({ ok: true, value: [{ id: 'sample' }] })
    expect(await call('connections.get', { connectionId: ids[0] })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    })
    expect(await call('connections.delete', { connectionId: 'sample' })).toMatchObject({
      ok: false,
      error: { kind: 'permission', message: 'Sample database is built in and cannot be deleted' },
    })
    expect(await call('connections.get', { connectionId: 'sample' })).toMatchObject({
      ok: false,
      error: { kind: 'permission' },
    })
    expect(await call('connections.test', { connectionId: 'sample' })).toMatchObject({
      ok: true,
      value: { engine: 'sqlite' },
    })
  })

  it('lists the engines it has drivers for', async () => {
    const engines = await call('connections.engines', {})
    expect(engines).toMatchObject({ ok: true, value: expect.arrayContaining(['sqlite']) })
  })
})
