import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { recordingClient } from './recording-client'

const profile = { name: 'p', engine: 'postgres', host: 'h' }

/** Every connections.* payload is checked in main before any handler runs. */
describe('connections contract: bad payloads are invalid-input', () => {
  let dir: string
  let services: AppServices
  const { client } = recordingClient()

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-contract-'))
    services = createAppServices({ host: 'browser', version: 'test', sampleDb: join(dir, 'none.db'), dataDir: dir })
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each([
    ['save without profile', 'connections.save', {}, 'profile'],
    ['unknown engine', 'connections.save', { profile: { ...profile, engine: 'oracle' } }, 'profile.engine'],
    ['engine as number', 'connections.save', { profile: { ...profile, engine: 1 } }, 'profile.engine'],
    ['port zero', 'connections.save', { profile: { ...profile, port: 0 } }, 'profile.port'],
    ['port too big', 'connections.save', { profile: { ...profile, port: 65536 } }, 'profile.port'],
    ['fractional port', 'connections.save', { profile: { ...profile, port: 54.32 } }, 'profile.port'],
    ['port as text', 'connections.save', { profile: { ...profile, port: '5432' } }, 'profile.port'],
    ['empty name', 'connections.save', { profile: { ...profile, name: '' } }, 'profile.name'],
    ['huge name', 'connections.save', { profile: { ...profile, name: 'n'.repeat(201) } }, 'profile.name'],
    ['control chars', 'connections.save', { profile: { ...profile, user: 'a\nb' } }, 'profile.user'],
    ['host with space', 'connections.save', { profile: { ...profile, host: 'a b' } }, 'profile.host'],
    ['no host', 'connections.save', { profile: { name: 'p', engine: 'mysql' } }, 'profile.host'],
    ['sqlite without file', 'connections.save', { profile: { name: 'p', engine: 'sqlite' } }, 'profile.file'],
    ['bad ssl mode', 'connections.save', { profile: { ...profile, ssl: { mode: 'always' } } }, 'profile.ssl.mode'],
    ['ssl extra key', 'connections.save', { profile: { ...profile, ssl: { mode: 'require', x: 1 } } }, 'profile.ssl'],
    [
      'timeout too short',
      'connections.save',
      { profile: { ...profile, connectTimeoutMs: 10 } },
      'profile.connectTimeoutMs',
    ],
    ['extra profile key', 'connections.save', { profile: { ...profile, password: 'x' } }, 'profile'],
    ['extra input key', 'connections.save', { profile, admin: true }, ''],
    ['huge password', 'connections.save', { profile, password: 'x'.repeat(5000) }, 'password'],
    ['password as number', 'connections.save', { profile, password: 1234 }, 'password'],
    ['get without id', 'connections.get', {}, 'connectionId'],
    ['delete with empty id', 'connections.delete', { connectionId: '' }, 'connectionId'],
    ['delete with huge id', 'connections.delete', { connectionId: 'x'.repeat(500) }, 'connectionId'],
    ['test with nothing', 'connections.test', {}, 'profile'],
    ['test with bad profile', 'connections.test', { profile: { ...profile, port: -5 } }, 'profile.port'],
    ['status with input', 'connections.status', { x: 1 }, ''],
    ['engines as array', 'connections.engines', [], ''],
  ])('%s', async (_name, method, input, path) => {
    const result = await services.dispatch(method, input, client)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    if (!result.ok && path) expect(result.error.path).toBe(path)
  })
})
