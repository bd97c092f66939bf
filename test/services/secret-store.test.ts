import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionProfile } from '../../src/shared/contract'
import { CONNECTIONS_FILE, ConnectionStore, SECRETS_FILE } from '../../src/main/services/connection-store'
import { safeStorageCodec } from '../../src/main/services/secrets/safe-storage-codec'
import type { SafeStorageLike } from '../../src/main/services/secrets/safe-storage-codec'

const SECRET = 'pa$$word-in-the-keychain'
const SSH_SECRET = 'ssh key passphrase'
const profile: ConnectionProfile = {
  name: 'prod',
  engine: 'postgres',
  host: 'db.example.com',
  user: 'app',
  ssh: { host: 'bastion.example.com', user: 'me', auth: 'key', keyFile: '/home/me/.ssh/id_ed25519' },
}

/** A fake keychain: reversible, but nothing like the text (XOR with a key the fake alone holds). */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = options.key ?? 0x5a
  const calls = { encrypt: 0, decrypt: 0 }
  const safe: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text) => {
      calls.encrypt++
      return Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ key)])
    },
    decryptString: (data) => {
      calls.decrypt++
      if (data.subarray(0, 3).toString() !== 'v10' || key !== 0x5a)
        throw new Error('Error while decrypting the ciphertext')
      return Buffer.from(data.subarray(3).map((b) => b ^ key)).toString('utf8')
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
  }
  return { safe, calls }
}

describe('secrets encrypted with safeStorage (fake keychain)', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-secrets-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes only base64 ciphertext, no key file, and decrypts after a restart', async () => {
    const { safe, calls } = fakeSafeStorage({ backend: 'gnome_libsecret' })
    const store = new ConnectionStore(dir, safeStorageCodec(safe))
    const saved = await store.save({ profile, password: SECRET, sshSecret: SSH_SECRET })
    expect(calls.encrypt).toBe(2)
    expect(readdirSync(dir).sort()).toEqual([CONNECTIONS_FILE, SECRETS_FILE].sort())
    const text = readFileSync(join(dir, SECRETS_FILE), 'utf8')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(SSH_SECRET)
    const file = JSON.parse(text) as { scheme: string; secrets: Record<string, { password: string; ssh: string }> }
    expect(file.scheme).toBe('safe-storage')
    const entry = file.secrets[saved.id]!
    expect(entry.password).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(safe.decryptString(Buffer.from(entry.password, 'base64'))).toBe(SECRET)
    expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, CONNECTIONS_FILE), 'utf8')).not.toContain(SECRET)

    const restarted = new ConnectionStore(dir, safeStorageCodec(fakeSafeStorage().safe))
    expect(restarted.secretsFor(saved.id, profile)).toEqual({ password: SECRET, ssh: SSH_SECRET })
    expect(restarted.get(saved.id)).toMatchObject({ hasPassword: true, hasSshSecret: true })
    expect(restarted.status().secrets).toEqual({
      kind: 'os-keychain',
      detail: 'Saved passwords are encrypted by the OS keychain',
    })
  })

  it('says so when no keychain is available, and keeps secrets in the 0600 file instead', async () => {
    for (const fake of [fakeSafeStorage({ available: false }), fakeSafeStorage({ backend: 'basic_text' })]) {
      const store = new ConnectionStore(dir, safeStorageCodec(fake.safe))
      expect(store.status().secrets.kind).toBe('private-file')
      expect(store.status().secrets.detail).toMatch(
        /not encrypted: kept in connection-secrets\.json, readable only by you/,
      )
      await store.save({ profile: { ...profile, name: `n${fake.calls.encrypt}` }, password: SECRET })
      expect(fake.calls.encrypt).toBe(0)
      expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600)
    }
  })

  it('upgrades plain secrets to ciphertext on the next secrets write once a keychain is there', async () => {
    const plain = new ConnectionStore(dir)
    const { id } = await plain.save({ profile, password: SECRET })
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).toContain(SECRET)
    const keychain = new ConnectionStore(dir, safeStorageCodec(fakeSafeStorage().safe))
    expect(keychain.passwordFor(id, profile)).toBe(SECRET)
    await keychain.save({ profile: { ...profile, name: 'second' }, password: 'another' })
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).not.toContain(SECRET)
    expect(new ConnectionStore(dir, safeStorageCodec(fakeSafeStorage().safe)).passwordFor(id, profile)).toBe(SECRET)
  })

  it('keeps aside and reports ciphertext this keychain cannot decrypt, never overwriting it', async () => {
    const { id } = await new ConnectionStore(dir, safeStorageCodec(fakeSafeStorage().safe)).save({
      profile,
      password: SECRET,
    })
    const before = readFileSync(join(dir, SECRETS_FILE), 'utf8')
    for (const codec of [safeStorageCodec(fakeSafeStorage({ key: 0x11 }).safe), undefined]) {
      writeFileSync(join(dir, SECRETS_FILE), before)
      const store = new ConnectionStore(dir, codec)
      const [problem] = store.status().problems
      expect(problem).toMatchObject({ file: SECRETS_FILE, kind: 'foreign' })
      expect(problem?.message).toMatch(/keychain/)
      expect(readFileSync(problem!.keptAs!, 'utf8')).toBe(before)
      expect(store.get(id)).toMatchObject({ hasPassword: false })
      rmSync(problem!.keptAs!)
    }
  })

  it('sends a saved SSH secret only to the tunnel it was saved for', async () => {
    const store = new ConnectionStore(dir, safeStorageCodec(fakeSafeStorage().safe))
    const { id } = await store.save({ profile, sshSecret: SSH_SECRET })
    const elsewhere = { ...profile, ssh: { ...profile.ssh!, host: 'evil.example.com' } }
    expect(() => store.secretsFor(id, elsewhere)).toThrow(/Enter the SSH password or passphrase again/)
    await expect(store.save({ connectionId: id, profile: elsewhere })).rejects.toMatchObject({
      error: { kind: 'invalid-input', path: 'sshSecret' },
    })
    // Switching to the agent drops the saved passphrase.
    await store.save({ connectionId: id, profile: { ...profile, ssh: { ...profile.ssh!, auth: 'agent' } } })
    expect(store.get(id)?.hasSshSecret).toBe(false)
  })
})
