import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { QuarryFailure, connectionProfileSchema, sameServer } from '../../shared/contract'
import type { ConnectionProfile, ConnectionStoreStatus, SavedConnection } from '../../shared/contract'
import { JsonFile } from './connection-file'
import type { FileParser } from './connection-file'

/** File names inside the data directory. */
export const CONNECTIONS_FILE = 'connections.json'
export const PASSWORDS_FILE = 'connection-passwords.json'

interface StoredConnection {
  id: string
  profile: ConnectionProfile
}

const connectionsSchema = z.object({
  version: z.literal(1),
  connections: z.array(z.object({ id: z.string().min(1).max(128), profile: connectionProfileSchema })),
})
const passwordsSchema = z.object({ version: z.literal(1), passwords: z.record(z.string(), z.string()) })
interface ConnectionsFile {
  version: 1
  connections: StoredConnection[]
}
type PasswordsFile = z.infer<typeof passwordsSchema>

/** Parses with a schema; the first issue, in words, is what a damaged file reports. */
const parser =
  <T>(schema: z.ZodType<T>): FileParser<T> =>
  (text) => {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    throw new Error(`unexpected content at ${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'invalid'}`)
  }

/** A save: the profile, and what happens to the password (omitted or empty keeps the saved one). */
export interface SaveConnectionInput {
  connectionId?: string
  profile: ConnectionProfile
  password?: string
  forgetPassword?: boolean
}

/**
 * Saved connections in the data directory: profiles in connections.json, passwords apart in a
 * 0600 file, so nothing this store lists or gets ever carries a password. (Secret storage in the
 * OS keychain is its own issue.) A null directory keeps everything in memory.
 */
export class ConnectionStore {
  private readonly connections: JsonFile<ConnectionsFile>
  private readonly passwords: JsonFile<PasswordsFile>
  private queue: Promise<unknown> = Promise.resolve()

  constructor(readonly dataDir: string | null) {
    const path = (name: string) => (dataDir ? join(dataDir, name) : null)
    const noConnections: ConnectionsFile = { version: 1, connections: [] }
    this.connections = new JsonFile(
      path(CONNECTIONS_FILE),
      noConnections,
      parser<ConnectionsFile>(connectionsSchema),
      0o644,
    )
    this.passwords = new JsonFile(path(PASSWORDS_FILE), { version: 1, passwords: {} }, parser(passwordsSchema), 0o600)
  }

  status(): ConnectionStoreStatus {
    const problems = [this.connections.problem, this.passwords.problem].filter((p): p is string => p !== null)
    return { dataDir: this.dataDir, problems }
  }

  list(): SavedConnection[] {
    return this.connections.value.connections.map((stored) => this.view(stored))
  }

  get(id: string): SavedConnection | undefined {
    const stored = this.find(id)
    return stored && this.view(stored)
  }

  /**
   * The saved password, for main's own use when it connects to `target`; never part of list() or
   * get(). A saved password goes only to the server it was saved for: for another, this throws.
   */
  passwordFor(id: string, target: ConnectionProfile): string | undefined {
    const password = this.password(id)
    const stored = this.find(id)
    if (password !== undefined && stored && !sameServer(stored.profile, target)) {
      throw new QuarryFailure({
        kind: 'invalid-input',
        path: 'password',
        message: 'Enter the password again: a saved password is only sent to the server it was saved for',
      })
    }
    return password
  }

  /** Saves run one at a time, each from the state the previous one left. */
  save(input: SaveConnectionInput): Promise<SavedConnection> {
    return this.exclusive(() => this.saveNow(input))
  }

  delete(id: string): Promise<void> {
    return this.exclusive(() => this.deleteNow(id))
  }

  private async saveNow(input: SaveConnectionInput): Promise<SavedConnection> {
    const existing = input.connectionId === undefined ? undefined : this.find(input.connectionId)
    if (input.connectionId !== undefined && !existing) throw notFound(input.connectionId)
    const stored: StoredConnection = { id: existing?.id ?? randomUUID(), profile: input.profile }
    const list = this.connections.value.connections
    const connections = existing ? list.map((c) => (c.id === stored.id ? stored : c)) : [...list, stored]
    const passwords = this.nextPasswords(stored, existing, input)
    // Passwords first: a crash between the two writes can leave a spare password, but never send
    // a saved password to a server it was not saved for.
    if (passwords) await this.passwords.replace(prune(passwords, connections))
    await this.connections.replace({ version: 1, connections })
    return this.view(stored)
  }

  private async deleteNow(id: string): Promise<void> {
    if (!this.find(id)) throw notFound(id)
    const connections = this.connections.value.connections.filter((c) => c.id !== id)
    await this.connections.replace({ version: 1, connections })
    if (this.password(id) !== undefined) await this.passwords.replace(prune(this.passwords.value, connections))
  }

  private nextPasswords(
    stored: StoredConnection,
    existing: StoredConnection | undefined,
    input: SaveConnectionInput,
  ): PasswordsFile | null {
    const all = { ...this.passwords.value.passwords }
    if (input.password) all[stored.id] = input.password
    else if (input.forgetPassword) delete all[stored.id]
    else {
      // Keeping the saved password: only allowed while the server is the same.
      if (existing) this.passwordFor(existing.id, stored.profile)
      return null
    }
    return { version: 1, passwords: all }
  }

  private password(id: string): string | undefined {
    return Object.hasOwn(this.passwords.value.passwords, id) ? this.passwords.value.passwords[id] : undefined
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work)
    this.queue = result.catch(() => undefined)
    return result
  }

  private find(id: string): StoredConnection | undefined {
    return this.connections.value.connections.find((c) => c.id === id)
  }

  private view(stored: StoredConnection): SavedConnection {
    // A copy: callers must not be able to change what is saved without saving.
    return {
      id: stored.id,
      profile: structuredClone(stored.profile),
      hasPassword: this.password(stored.id) !== undefined,
    }
  }
}

/** Drops passwords of connections that no longer exist. */
const prune = (file: PasswordsFile, connections: StoredConnection[]): PasswordsFile => ({
  version: 1,
  passwords: Object.fromEntries(
    Object.entries(file.passwords).filter(([id]) => connections.some((connection) => connection.id === id)),
  ),
})

const notFound = (id: string) => new QuarryFailure({ kind: 'not-found', message: `No saved connection with id ${id}` })
