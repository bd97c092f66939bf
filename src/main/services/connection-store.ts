import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { QuarryFailure, connectionProfileSchema, sameServer, serverKey } from '../../shared/contract'
import type { ConnectionProfile, ConnectionStoreStatus, SavedConnection } from '../../shared/contract'
import { plainCodec } from './secrets/secret-codec'
import type { SecretCodec } from './secrets/secret-codec'
import { SECRETS_FILE, SecretStore } from './secrets/secret-store'
import type { ConnectionSecrets, StoredSecrets } from './secrets/secret-store'
import { StateFile, schemaParser } from './state-file'

/** File names inside the data directory. */
export const CONNECTIONS_FILE = 'connections.json'
export { SECRETS_FILE }

interface StoredConnection {
  id: string
  profile: ConnectionProfile
}

const connectionsSchema = z.object({
  version: z.literal(1),
  connections: z.array(z.object({ id: z.string().min(1).max(128), profile: connectionProfileSchema })),
})
interface ConnectionsFile {
  version: 1
  connections: StoredConnection[]
}

/** A save: the profile, and what happens to each secret (omitted or empty keeps the saved one). */
export interface SaveConnectionInput {
  connectionId?: string
  profile: ConnectionProfile
  password?: string
  forgetPassword?: boolean
  sshSecret?: string
  forgetSshSecret?: boolean
}

/** The browser-mode (and no-keychain) default: secrets as text in a file only the user can read. */
export const PRIVATE_FILE_CODEC = plainCodec(
  `Saved passwords are kept by the Quarry server process in ${SECRETS_FILE}, readable only by you (mode 0600)`,
)

/**
 * Saved connections in the data directory: profiles in connections.json, secrets apart in the
 * SecretStore (OS keychain ciphertext on the desktop, a 0600 file in browser mode), so nothing this
 * store lists or gets ever carries a secret. A null directory keeps everything in memory.
 */
export class ConnectionStore {
  private readonly connections: StateFile<ConnectionsFile>
  private readonly secrets: SecretStore
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dataDir: string | null,
    codec: SecretCodec = PRIVATE_FILE_CODEC,
  ) {
    const path = (name: string) => (dataDir ? join(dataDir, name) : null)
    const noConnections: ConnectionsFile = { version: 1, connections: [] }
    this.connections = new StateFile(path(CONNECTIONS_FILE), noConnections, schemaParser(connectionsSchema), 0o644)
    this.secrets = new SecretStore(path(SECRETS_FILE), codec)
    // A version 1 secrets file names no target: its secrets belong to the profiles saved now.
    this.secrets.adoptUntargeted((id) => {
      const stored = this.find(id)
      return stored ? serverKey(stored.profile) : null
    })
  }

  status(): ConnectionStoreStatus {
    const problems = [this.connections.problem, this.secrets.problem].filter((p) => p !== null)
    const secrets = this.dataDir
      ? this.secrets.storage
      : { kind: 'memory' as const, detail: 'Saved passwords are kept in memory until Quarry quits' }
    return { dataDir: this.dataDir, problems, secrets }
  }

  list(): SavedConnection[] {
    return this.connections.value.connections.map((stored) => this.view(stored))
  }

  get(id: string): SavedConnection | undefined {
    const stored = this.find(id)
    return stored && this.view(stored)
  }

  /** The saved password, for main's own use when it connects to `target` (see secretsFor). */
  passwordFor(id: string, target: ConnectionProfile): string | undefined {
    return this.secretsFor(id, target).password
  }

  /**
   * The saved secrets, for main's own use when it connects to `target`; never part of list() or
   * get(). Secrets are stored with the server (and tunnel) they were saved for and go only there:
   * for another target, this throws.
   */
  secretsFor(id: string, target: ConnectionProfile): ConnectionSecrets {
    const { target: savedFor, password, ssh } = this.secrets.get(id)
    if (savedFor !== serverKey(target)) {
      if (password !== undefined) throw enterAgain('password', 'password')
      if (ssh !== undefined) throw enterAgain('sshSecret', 'SSH password or passphrase')
    }
    return { ...(password !== undefined ? { password } : {}), ...(ssh !== undefined ? { ssh } : {}) }
  }

  /** Saves run one at a time, each from the state the previous one left. */
  save(input: SaveConnectionInput): Promise<SavedConnection> {
    return this.exclusive(() => this.saveNow(input))
  }

  delete(id: string): Promise<void> {
    return this.exclusive(() => this.deleteNow(id))
  }

  /** Adds profiles as new connections (no secrets), in one write. */
  add(profiles: ConnectionProfile[]): Promise<SavedConnection[]> {
    return this.exclusive(async () => {
      const added = profiles.map((profile) => ({ id: randomUUID(), profile }))
      await this.connections.replace({ version: 1, connections: [...this.connections.value.connections, ...added] })
      return added.map((stored) => this.view(stored))
    })
  }

  /** Trust on first use: records the SSH host key a connection's tunnel presented, when it had none. */
  recordHostKey(id: string, hostKey: string): Promise<void> {
    return this.exclusive(async () => {
      const stored = this.find(id)
      if (!stored?.profile.ssh || stored.profile.ssh.hostKey) return
      const profile = { ...stored.profile, ssh: { ...stored.profile.ssh, hostKey } }
      const connections = this.connections.value.connections.map((c) => (c.id === id ? { id, profile } : c))
      await this.connections.replace({ version: 1, connections })
    })
  }

  private async saveNow(input: SaveConnectionInput): Promise<SavedConnection> {
    const existing = input.connectionId === undefined ? undefined : this.find(input.connectionId)
    if (input.connectionId !== undefined && !existing) throw notFound(input.connectionId)
    const stored: StoredConnection = { id: existing?.id ?? randomUUID(), profile: input.profile }
    const list = this.connections.value.connections
    const connections = existing ? list.map((c) => (c.id === stored.id ? stored : c)) : [...list, stored]
    const secrets = this.nextSecrets(stored, existing, input)
    // Secrets name their target, so a failure between the two writes never sends one elsewhere:
    // the profile moved without its new secret asks for it again; a new secret whose profile was
    // not written waits for that target. Untargeted (version 1) secrets get theirs written first.
    if (this.secrets.hasUntargeted) await this.secrets.replace(this.secrets.snapshot())
    await this.connections.replace({ version: 1, connections })
    if (secrets) await this.secrets.replace(prune(secrets, connections))
    return this.view(stored)
  }

  private async deleteNow(id: string): Promise<void> {
    if (!this.find(id)) throw notFound(id)
    const connections = this.connections.value.connections.filter((c) => c.id !== id)
    await this.connections.replace({ version: 1, connections })
    if (this.secrets.ids().includes(id)) await this.secrets.replace(prune(this.secrets.snapshot(), connections))
  }

  private nextSecrets(
    stored: StoredConnection,
    existing: StoredConnection | undefined,
    input: SaveConnectionInput,
  ): Map<string, StoredSecrets> | null {
    // Only secrets saved for the connection's current target are kept (one left over from a
    // failed save, for another target, is not).
    const kept = existing ? this.current(existing) : {}
    const next: ConnectionSecrets = { ...kept }
    if (input.password) next.password = input.password
    else if (input.forgetPassword) delete next.password
    if (input.sshSecret) next.ssh = input.sshSecret
    else if (input.forgetSshSecret || !input.profile.ssh || input.profile.ssh.auth === 'agent') delete next.ssh
    // A kept secret is only allowed while the server (and tunnel) is the same.
    if (existing && !sameServer(existing.profile, stored.profile)) {
      if (!input.password && next.password !== undefined) throw enterAgain('password', 'password')
      if (!input.sshSecret && next.ssh !== undefined) throw enterAgain('sshSecret', 'SSH password or passphrase')
    }
    const target = serverKey(stored.profile)
    const before = this.secrets.get(stored.id)
    const none = next.password === undefined && next.ssh === undefined
    if (next.password === before.password && next.ssh === before.ssh && (none || before.target === target)) return null
    const all = this.secrets.snapshot()
    all.set(stored.id, { target, ...next })
    return all
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work)
    this.queue = result.catch(() => undefined)
    return result
  }

  private find(id: string): StoredConnection | undefined {
    return this.connections.value.connections.find((c) => c.id === id)
  }

  /** The secrets saved for a connection's current target; none when they were saved for another. */
  private current(stored: StoredConnection): ConnectionSecrets {
    const { target, password, ssh } = this.secrets.get(stored.id)
    if (target !== serverKey(stored.profile)) return {}
    return { ...(password !== undefined ? { password } : {}), ...(ssh !== undefined ? { ssh } : {}) }
  }

  private view(stored: StoredConnection): SavedConnection {
    const secrets = this.current(stored)
    // A copy: callers must not be able to change what is saved without saving.
    return {
      id: stored.id,
      profile: structuredClone(stored.profile),
      hasPassword: secrets.password !== undefined,
      hasSshSecret: secrets.ssh !== undefined,
    }
  }
}

/** Drops secrets of connections that no longer exist. */
const prune = (secrets: Map<string, StoredSecrets>, connections: StoredConnection[]) =>
  new Map([...secrets].filter(([id]) => connections.some((connection) => connection.id === id)))

const enterAgain = (path: string, what: string) =>
  new QuarryFailure({
    kind: 'invalid-input',
    path,
    message: `Enter the ${what} again: a saved ${what} is only sent to the server it was saved for`,
  })

const notFound = (id: string) => new QuarryFailure({ kind: 'not-found', message: `No saved connection with id ${id}` })
