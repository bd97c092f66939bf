import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { WRITE_REFUSED_CODE } from '../../src/shared/contract'
import type { ConnectionExport, ConnectionImportReport, ConnectionSummary, Result } from '../../src/shared/contract'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { optionsFromUrl, postgresUrl } from '../helpers/postgres-harness'
import { SSH_PASSWORD, SSH_USER, startSshServer } from '../helpers/ssh-server'
import type { TestSshServer } from '../helpers/ssh-server'
import { recordingClient } from './recording-client'

/** Secrets, export/import, safe mode and read-only through the whole stack: contract → services → drivers. */
describe('trust over the contract', () => {
  let dir: string
  let ssh: TestSshServer
  let services: AppServices
  const recording = recordingClient()
  const answers: unknown[] = []
  const call = async <T>(method: string, input: unknown): Promise<Result<T>> => {
    const answer = (await services.dispatch(method, input, recording.client)) as Result<T>
    answers.push(answer)
    return answer
  }
  const value = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
    return result.value
  }
  const runQuery = async (connectionId: string, sql: string, extra: object = {}) => {
    const queryId = `q${answers.length}`
    const started = await call('query.start', { connectionId, queryId, sql, ...extra })
    if (!started.ok) return { started }
    const deadline = Date.now() + 10_000
    const end = () => recording.events.find((e) => e.event === 'query.end' && e.payload.queryId === queryId)
    while (!end() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
    return { started, end: end()?.payload as { outcome: string; error?: { kind: string; message: string } } }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-trust-'))
    ssh = await startSshServer(dir)
    const db = new Database(join(dir, 'rows.db'))
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);')
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'rows.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })
  })
  afterAll(async () => {
    await services?.close()
    await ssh?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const pgUrl = postgresUrl()
  if (!pgUrl) console.warn('Secret leak scan over a tunnelled connection NOT RUN: no PostgreSQL test server')
  it.runIf(pgUrl)(
    'never lets a password or SSH secret out: every answer and event of a tunnelled PostgreSQL connection is scanned',
    async () => {
      const pg = optionsFromUrl(pgUrl!)
      const profile = {
        name: 'through ssh',
        engine: 'postgres',
        host: pg.host,
        port: pg.port,
        user: pg.user,
        database: pg.database,
        ssl: { mode: 'disable' },
        ssh: { host: '127.0.0.1', port: ssh.port, user: SSH_USER, auth: 'password' },
      }
      const test = value(
        await call<{ sshHostKey?: string }>('connections.test', {
          profile,
          password: pg.password,
          sshSecret: SSH_PASSWORD,
        }),
      )
      expect(test.sshHostKey).toBe(ssh.hostKey)
      const { id } = value(
        await call<ConnectionSummary>('connections.save', { profile, password: pg.password, sshSecret: SSH_PASSWORD }),
      )
      // Trust on first use: the first connect records the tunnel's host key.
      expect(value(await call('meta.databases', { connectionId: id }))).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'postgres' })]),
      )
      const saved = value(
        await call<{ profile: { ssh: { hostKey?: string } }; hasPassword: boolean; hasSshSecret: boolean }>(
          'connections.get',
          { connectionId: id },
        ),
      )
      expect(saved).toMatchObject({ hasPassword: true, hasSshSecret: true, profile: { ssh: { hostKey: ssh.hostKey } } })
      await call('connections.list', {})
      await call('connections.status', {})
      await call('connections.serverInfo', { connectionId: id })
      await call('connections.test', { connectionId: id })
      await call('connections.export', { to: 'text' })
      const run = await runQuery(id, "SELECT current_user, 'x' AS y")
      expect(run.end?.outcome).toBe('done')
      // Wrong secrets come back as errors: the errors must not echo them either.
      await call('connections.test', { profile, password: `${pg.password}-wrong`, sshSecret: SSH_PASSWORD })
      await call('connections.test', { profile, password: pg.password, sshSecret: `${SSH_PASSWORD}-wrong` })
      const wire = JSON.stringify([answers, recording.events])
      expect(answers.length).toBeGreaterThan(10)
      expect(wire).toContain(ssh.hostKey)
      for (const secret of [pg.password!, SSH_PASSWORD]) expect(wire).not.toContain(secret)
      expect(readFileSync(join(dir, 'data', 'connections.json'), 'utf8')).not.toContain(SSH_PASSWORD)
      await call('connections.delete', { connectionId: id })
    },
  )

  it('exports without secrets and imports without replacing anything: duplicates renamed, bad entries reported', async () => {
    const file = { name: 'rows', engine: 'sqlite', file: join(dir, 'rows.db') }
    value(await call('connections.save', { profile: file }))
    const server = { name: 'pg', engine: 'postgres', host: 'db.example.com', user: 'app' }
    value(await call('connections.save', { profile: server, password: 'exported-never' }))
    const exported = value(await call<ConnectionExport>('connections.export', { to: 'text' }))
    expect(exported).toMatchObject({ kind: 'text', count: 2 })
    const text = exported.kind === 'text' ? exported.text : ''
    expect(text).not.toContain('exported-never')
    expect(JSON.parse(text)).toMatchObject({ format: 'quarry-connections', version: 1, connections: [file, server] })

    const withBad = JSON.parse(text) as { connections: unknown[] }
    withBad.connections.push({ name: 'bad', engine: 'oracle' }, 'not an object', { ...server, password: 'smuggled' })
    const report = value(await call<ConnectionImportReport>('connections.import', { text: JSON.stringify(withBad) }))
    expect(report.imported).toEqual([
      { id: expect.any(String), name: 'rows (2)', renamedFrom: 'rows' },
      { id: expect.any(String), name: 'pg (2)', renamedFrom: 'pg' },
    ])
    expect(report.rejected.map((r) => r.index)).toEqual([2, 3, 4])
    expect(report.rejected[0]).toMatchObject({ name: 'bad', reason: expect.stringMatching(/^engine/) })
    const list = value(await call<ConnectionSummary[]>('connections.list', {})).map((c) => c.name)
    expect(list).toEqual(['Sample database', 'rows', 'pg', 'rows (2)', 'pg (2)'])
    // The originals are untouched: the password stays with the connection it was saved for.
    const pg = value(await call<ConnectionSummary[]>('connections.list', {})).filter((c) => c.name.startsWith('pg'))
    const flags = await Promise.all(
      pg.map(
        async (c) => value(await call<{ hasPassword: boolean }>('connections.get', { connectionId: c.id })).hasPassword,
      ),
    )
    expect(flags).toEqual([true, false])

    for (const bad of ['{', '{"format":"other","version":1,"connections":[]}', '[]']) {
      expect(await call('connections.import', { text: bad })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', path: 'text' },
      })
    }
    // Browser mode has no file dialogs: asking for one is a typed error, not a hang.
    expect(await call('connections.import', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })

  it('safe mode: main never runs an unconfirmed write, the server refusing it; a confirmation runs that one', async () => {
    const profile = { name: 'safe', engine: 'sqlite', file: join(dir, 'rows.db'), safeMode: true }
    const { id, safeMode } = value(await call<ConnectionSummary>('connections.save', { profile }))
    expect(safeMode).toBe(true)
    // The lexer's confirmation (SQL Server's) does not lift the server's judgement.
    for (const [sql, extra] of [
      ['DELETE FROM t', {}],
      ['SELECT 1; DROP TABLE t', { confirmedDangerous: true }],
    ] as const) {
      const { end } = await runQuery(id, sql, extra)
      expect(end).toMatchObject({ outcome: 'error', error: { kind: 'permission', code: WRITE_REFUSED_CODE } })
    }
    const rows = async () => (await runQuery(id, 'SELECT x FROM t')).end as unknown as { rowCount: number }
    expect((await rows()).rowCount).toBe(3)
    expect((await runQuery(id, 'DELETE FROM t', { confirmedWrite: 'DELETE FROM t' })).end?.outcome).toBe('done')
    expect((await rows()).rowCount).toBe(0)
  })

  it('read-only SQLite: the write fails with a permission error, reads work', async () => {
    const profile = { name: 'ro', engine: 'sqlite', file: join(dir, 'rows.db'), readOnly: true }
    const { id, readOnly } = value(await call<ConnectionSummary>('connections.save', { profile }))
    expect(readOnly).toBe(true)
    expect((await runQuery(id, 'SELECT * FROM t')).end?.outcome).toBe('done')
    const write = await runQuery(id, 'INSERT INTO t VALUES (9)')
    expect(write.end).toMatchObject({
      outcome: 'error',
      error: { kind: 'permission', message: expect.stringMatching(/read-?only/i) },
    })
    // Only Quarry's own state files in the data directory (the runs went to History), once History's
    // write has landed (it writes a temporary file and renames it: one was seen mid-write).
    await vi.waitFor(
      () =>
        expect(readdirSync(join(dir, 'data')).sort()).toEqual([
          'connection-secrets.json',
          'connections.json',
          'query-history.json',
        ]),
      { timeout: 5_000 },
    )
  })
})
