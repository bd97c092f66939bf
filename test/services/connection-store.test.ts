import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionProfile } from '../../src/shared/contract'
import { CONNECTIONS_FILE, ConnectionStore, SECRETS_FILE } from '../../src/main/services/connection-store'

const profile = (overrides: Partial<ConnectionProfile> = {}): ConnectionProfile => ({
  name: 'app@db/sales',
  engine: 'postgres',
  host: 'db.example.com',
  port: 5432,
  user: 'app',
  database: 'sales',
  ssl: { mode: 'require' },
  ...overrides,
})
const SECRET = 'correct horse battery staple'

describe('ConnectionStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-store-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('saves, lists and gets connections, and a new store instance (a restart) reads the same', async () => {
    const store = new ConnectionStore(dir)
    const a = await store.save({ profile: profile(), password: SECRET })
    const b = await store.save({ profile: profile({ name: 'other', engine: 'mysql', port: 3307 }) })
    expect(a.id).not.toBe(b.id)
    expect(store.list()).toEqual([
      { id: a.id, profile: profile(), hasPassword: true, hasSshSecret: false },
      {
        id: b.id,
        profile: profile({ name: 'other', engine: 'mysql', port: 3307 }),
        hasPassword: false,
        hasSshSecret: false,
      },
    ])
    const restarted = new ConnectionStore(dir)
    expect(restarted.list()).toEqual(store.list())
    expect(restarted.passwordFor(a.id, profile())).toBe(SECRET)
    expect(restarted.status()).toMatchObject({ dataDir: dir, problems: [], secrets: { kind: 'private-file' } })
  })

  it('never puts a password in what list() or get() return, nor in connections.json', async () => {
    const store = new ConnectionStore(dir)
    const saved = await store.save({ profile: profile(), password: SECRET })
    expect(JSON.stringify(store.list())).not.toContain(SECRET)
    expect(JSON.stringify(store.get(saved.id))).not.toContain(SECRET)
    expect(readFileSync(join(dir, CONNECTIONS_FILE), 'utf8')).not.toContain(SECRET)
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).toContain(SECRET)
  })

  it('keeps passwords in a file only its owner can read (0600)', async () => {
    const store = new ConnectionStore(dir)
    await store.save({ profile: profile(), password: SECRET })
    expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600)
    // Even over a file someone loosened: the rename puts a fresh 0600 file in its place.
    chmodSync(join(dir, SECRETS_FILE), 0o644)
    await store.save({ profile: profile({ name: 'x' }), password: 'another' })
    expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600)
  })

  it('writes atomically: no temporary file is left, and a failed write keeps the old file', async () => {
    const store = new ConnectionStore(dir)
    const first = await store.save({ profile: profile() })
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save({ profile: profile({ name: `n${n}` }) })))
    expect(readdirSync(dir).sort()).toEqual([CONNECTIONS_FILE])
    expect(new ConnectionStore(dir).list()).toHaveLength(6)
    const before = readFileSync(join(dir, CONNECTIONS_FILE), 'utf8')
    // A value that cannot be serialised fails the write after the temporary file was opened.
    const unwritable = profile({ name: 'lost', port: 10n as unknown as number })
    await expect(store.save({ connectionId: first.id, profile: unwritable })).rejects.toThrow(
      /Could not save connections.json/,
    )
    expect(readdirSync(dir)).toEqual([CONNECTIONS_FILE])
    expect(readFileSync(join(dir, CONNECTIONS_FILE), 'utf8')).toBe(before)
    expect(store.get(first.id)?.profile.name).toBe('app@db/sales')
  })

  it('edits: an empty or missing password keeps the saved one; forgetPassword drops it', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile(), password: SECRET })
    await store.save({ connectionId: id, profile: profile({ name: 'renamed', database: 'other' }), password: '' })
    expect(store.get(id)).toMatchObject({ profile: { name: 'renamed', database: 'other' }, hasPassword: true })
    expect(store.passwordFor(id, profile())).toBe(SECRET)
    await store.save({ connectionId: id, profile: profile(), password: 'new one' })
    expect(store.passwordFor(id, profile())).toBe('new one')
    await store.save({ connectionId: id, profile: profile(), forgetPassword: true })
    expect(store.get(id)?.hasPassword).toBe(false)
  })

  it('sends a saved password only to the server it was saved for', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile(), password: SECRET })
    const elsewhere = profile({ host: 'attacker.example' })
    expect(() => store.passwordFor(id, elsewhere)).toThrow(/Enter the password again/)
    await expect(store.save({ connectionId: id, profile: elsewhere })).rejects.toMatchObject({
      error: { kind: 'invalid-input', path: 'password' },
    })
    expect(store.get(id)?.profile.host).toBe('db.example.com')
    // The default port is the same server as no port at all; a new password makes the move fine.
    expect(store.passwordFor(id, profile({ port: undefined, host: 'DB.example.com' }))).toBe(SECRET)
    await store.save({ connectionId: id, profile: elsewhere, password: 'for the new server' })
    expect(store.passwordFor(id, elsewhere)).toBe('for the new server')
  })

  it('deletes a connection and its password', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile(), password: SECRET })
    const keep = await store.save({ profile: profile({ name: 'keep' }), password: 'kept' })
    await store.delete(id)
    expect(store.list().map((c) => c.id)).toEqual([keep.id])
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).not.toContain(SECRET)
    await expect(store.delete(id)).rejects.toMatchObject({ error: { kind: 'not-found' } })
    await expect(store.save({ connectionId: 'missing', profile: profile() })).rejects.toMatchObject({
      error: { kind: 'not-found' },
    })
  })

  it.each([
    ['not JSON', '{"version": 1, "connections": [', 'damaged'],
    ['the wrong shape', '{"version": 1, "connections": [{"id": "x", "profile": {"engine": "oracle"}}]}', 'foreign'],
    ['a future version', '{"version": 2, "connections": []}', 'foreign'],
  ])(
    'keeps a corrupt file (%s) aside, reports it, and starts empty without overwriting it',
    async (_name, text, kind) => {
      writeFileSync(join(dir, CONNECTIONS_FILE), text)
      const store = new ConnectionStore(dir)
      expect(store.list()).toEqual([])
      const [problem] = store.status().problems
      expect(problem?.file).toBe(CONNECTIONS_FILE)
      expect(problem?.kind).toBe(kind)
      expect(problem?.message).toMatch(
        /connections\.json was (damaged|not a file this version of Quarry can read) \(.+\); it was kept as .*connections\.json\.corrupt-/,
      )
      expect(problem?.keptAs).toMatch(/connections\.json\.corrupt-/)
      const aside = readdirSync(dir).find((name) => name.startsWith(`${CONNECTIONS_FILE}.corrupt-`))!
      expect(readFileSync(join(dir, aside), 'utf8')).toBe(text)
      expect(existsSync(join(dir, CONNECTIONS_FILE))).toBe(false)
      await store.save({ profile: profile() })
      expect(readFileSync(join(dir, aside), 'utf8')).toBe(text)
      expect(new ConnectionStore(dir).list()).toHaveLength(1)
    },
  )

  it('reports a corrupt password file the same way', () => {
    writeFileSync(join(dir, SECRETS_FILE), 'garbage')
    const store = new ConnectionStore(dir)
    expect(store.status().problems).toEqual([
      expect.objectContaining({
        file: SECRETS_FILE,
        kind: 'damaged',
        message: expect.stringMatching(/connection-secrets\.json was damaged/),
      }),
    ])
  })

  it('keeps everything in memory without a data directory', async () => {
    const store = new ConnectionStore(null)
    const saved = await store.save({ profile: profile(), password: SECRET })
    expect(store.get(saved.id)?.hasPassword).toBe(true)
    expect(store.status()).toMatchObject({ dataDir: null, problems: [], secrets: { kind: 'memory' } })
  })

  it('creates the data directory on first save', async () => {
    const nested = join(dir, 'a', 'b')
    await new ConnectionStore(nested).save({ profile: profile() })
    expect(new ConnectionStore(nested).list()).toHaveLength(1)
  })
})
