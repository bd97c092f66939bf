import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionProfile, EngineId } from '../../src/shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../../src/main/drivers/driver'
import { ConnectionService } from '../../src/main/services/connection-service'
import { CONNECTIONS_FILE, ConnectionStore, SECRETS_FILE } from '../../src/main/services/connection-store'

/**
 * An edit that moves a connection to another server and sets a new password writes two files.
 * Whichever of the two writes fails, no password may reach a server it was not saved for: each
 * case checks what password a connect would send, and to which host, before and after a restart.
 */
const profile = (host: string): ConnectionProfile => ({ name: 'prod', engine: 'postgres', host, user: 'app' })
const OLD = 'old-host password'
const NEW = 'new-host password'

/** A driver that connects to nothing and records what it was asked to send where. */
function recordingDriver() {
  const sent: { host: string | undefined; password: string | undefined }[] = []
  const driver = {
    engine: 'postgres',
    async connect(options: ConnectionOptions): Promise<DriverConnection> {
      const server = options as { host?: string; password?: string }
      sent.push({ host: server.host, password: server.password })
      return { close: async () => undefined } as unknown as DriverConnection
    },
  } as unknown as Driver
  return { sent, drivers: new Map<EngineId, Driver>([['postgres', driver]]) }
}

/** Makes the next write of a state file fail at its rename: the file's path becomes a non-empty folder. */
function breakWrites(dir: string, name: string): () => void {
  const path = join(dir, name)
  const text = readFileSync(path, 'utf8')
  rmSync(path)
  mkdirSync(join(path, 'blocker'), { recursive: true })
  return () => {
    rmSync(path, { recursive: true, force: true })
    writeFileSync(path, text)
  }
}

/** What a connect of the saved connection sends now: the host and password, or the refusal. */
async function whatIsSent(store: ConnectionStore, id: string) {
  const { sent, drivers } = recordingDriver()
  const service = new ConnectionService([], store, drivers)
  try {
    await service.get(id)
    return sent
  } catch (error) {
    return (error as { error?: { message: string } }).error?.message ?? String(error)
  }
}

describe('a password travels only to the server it was saved for, whichever write fails', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-secret-target-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('the profile write fails: the new password is never sent to the old host', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile('old.example'), password: OLD })
    const restore = breakWrites(dir, CONNECTIONS_FILE)
    await expect(store.save({ connectionId: id, profile: profile('new.example'), password: NEW })).rejects.toThrow(
      /Could not save connections\.json/,
    )
    restore()
    expect(store.get(id)?.profile.host).toBe('old.example')
    expect(await whatIsSent(store, id)).toEqual([{ host: 'old.example', password: OLD }])
    expect(await whatIsSent(new ConnectionStore(dir), id)).toEqual([{ host: 'old.example', password: OLD }])
  })

  it('the secrets write fails: the old password is never sent to the new host', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile('old.example'), password: OLD })
    const restore = breakWrites(dir, SECRETS_FILE)
    await expect(store.save({ connectionId: id, profile: profile('new.example'), password: NEW })).rejects.toThrow(
      /Could not save connection-secrets\.json/,
    )
    restore()
    for (const current of [store, new ConnectionStore(dir)]) {
      // The profile moved; the password saved for the old host stays with the old host.
      expect(current.get(id)).toMatchObject({ profile: { host: 'new.example' }, hasPassword: false })
      expect(await whatIsSent(current, id)).toMatch(/Enter the password again/)
    }
    // Typing the password again puts things right.
    await store.save({ connectionId: id, profile: profile('new.example'), password: NEW })
    expect(await whatIsSent(store, id)).toEqual([{ host: 'new.example', password: NEW }])
  })
  it('reads a version 1 secrets file (no targets) as saved for the current profiles, and writes targets next', async () => {
    const store = new ConnectionStore(dir)
    const { id } = await store.save({ profile: profile('old.example'), password: OLD })
    const other = await store.save({ profile: profile('other.example') })
    writeFileSync(
      join(dir, SECRETS_FILE),
      JSON.stringify({ version: 1, scheme: 'plain', secrets: { [id]: { password: OLD } } }),
    )
    const reopened = new ConnectionStore(dir)
    expect(reopened.status().problems).toEqual([])
    expect(await whatIsSent(reopened, id)).toEqual([{ host: 'old.example', password: OLD }])
    // The first save writes the targets before anything else, so a failed second write cannot
    // leave an untargeted secret behind a moved profile.
    await reopened.save({ connectionId: other.id, profile: profile('other.example'), password: 'x' })
    const file = JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8')) as {
      version: number
      secrets: Record<string, { target: string }>
    }
    expect(file.version).toBe(2)
    expect(file.secrets[id]?.target).toContain('old.example')
    expect(file.secrets[other.id]?.target).toContain('other.example')
  })
})
