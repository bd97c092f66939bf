import { basename } from 'node:path'
import { QuarryFailure, SAMPLE_ENGINE, defaultColorOf } from '../../shared/contract'
import type {
  ConnectionImportReport,
  ConnectionProfile,
  ConnectionStoreStatus,
  ConnectionSummary,
  ConnectionTestResult,
  EngineId,
  SavedConnection,
} from '../../shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../drivers/driver'
import { explainConnectFailure } from './connection-failure'
import { connectionOptions, savedSummary } from './connection-options'
import type { ConnectionStore, SaveConnectionInput } from './connection-store'
import { testConnection } from './connection-tester'
import { exportConnections, importConnections } from './connection-transfer'
import { coalesceCatalog } from './coalesced-catalog'
import { connectThrough } from './ssh/tunneled-connect'
import { toQuarryError } from './to-quarry-error'

/** A connection the app knows about: what the renderer may see, and how to open it. */
export interface ConnectionEntry {
  summary: ConnectionSummary
  options: ConnectionOptions
}

/** What a connection test names: an unsaved profile, or a saved id with the dialog's edits. */
export interface TestConnectionInput {
  connectionId?: string
  profile?: ConnectionProfile
  password?: string
  sshSecret?: string
}

/** The built-in connection to the bundled sample database. */
export function sampleConnection(file: string): ConnectionEntry {
  return {
    summary: {
      id: 'sample',
      name: 'Sample database',
      engine: SAMPLE_ENGINE,
      detail: basename(file),
      readOnly: false,
      safeMode: false,
      builtIn: true,
      color: defaultColorOf('sample'),
    },
    options: { engine: SAMPLE_ENGINE, file },
  }
}

/**
 * Knows the connections (built-in ones first, then the saved ones) and opens each lazily on first
 * use. Concurrent first uses share one connect; a failed connect is not cached, so the next call
 * tries again. Editing or deleting a connection closes what was open for it.
 */
export class ConnectionService {
  private readonly open = new Map<string, Promise<DriverConnection>>()

  constructor(
    private readonly builtIns: ConnectionEntry[],
    private readonly store: ConnectionStore,
    private readonly drivers: ReadonlyMap<EngineId, Driver>,
  ) {}

  list(): ConnectionSummary[] {
    return [...this.builtIns.map((entry) => entry.summary), ...this.store.list().map(savedSummary)]
  }

  /** Engines this build has a driver for. */
  engines(): EngineId[] {
    return [...this.drivers.keys()]
  }

  status(): ConnectionStoreStatus {
    return this.store.status()
  }

  saved(connectionId: string): SavedConnection {
    this.refuseBuiltIn(connectionId, 'edited')
    const saved = this.store.get(connectionId)
    if (!saved) throw notFound(connectionId)
    return saved
  }

  async save(input: SaveConnectionInput): Promise<ConnectionSummary> {
    if (input.connectionId !== undefined) this.refuseBuiltIn(input.connectionId, 'edited')
    const saved = await this.store.save(input)
    await this.close(saved.id)
    return savedSummary(saved)
  }

  async delete(connectionId: string): Promise<void> {
    this.refuseBuiltIn(connectionId, 'deleted')
    await this.store.delete(connectionId)
    await this.close(connectionId)
  }

  async test(input: TestConnectionInput): Promise<ConnectionTestResult> {
    const options = this.testOptions(input)
    return testConnection(this.driver(options.engine), options)
  }

  /** A connection as the tree shows it (its flags: read-only, safe mode). */
  summary(connectionId: string): ConnectionSummary {
    return this.entry(connectionId).summary
  }

  /** The saved connections as export text, without any secret. */
  exportText(): { text: string; count: number } {
    return exportConnections(this.store)
  }

  /** Adds the connections of an export file's text; never replaces one. */
  importText(text: string): Promise<ConnectionImportReport> {
    return importConnections(this.store, text)
  }

  driverFor(connectionId: string): Driver {
    return this.driver(this.entry(connectionId).options.engine)
  }

  get(connectionId: string): Promise<DriverConnection> {
    const existing = this.open.get(connectionId)
    if (existing) return existing
    const { options } = this.entry(connectionId)
    const pending = connectThrough(this.driver(options.engine), options).then(
      async ({ connection, sshHostKey }) => {
        // Trust on first use: the first host key a saved tunnel meets is recorded, then verified.
        if (sshHostKey && options.ssh && !options.ssh.hostKey) await this.store.recordHostKey(connectionId, sshHostKey)
        return coalesceCatalog(connection)
      },
      (thrown: unknown) => {
        throw new QuarryFailure(explainConnectFailure(toQuarryError(thrown, options.engine), options))
      },
    )
    this.open.set(connectionId, pending)
    pending.catch(() => this.open.get(connectionId) === pending && this.open.delete(connectionId))
    return pending
  }

  async closeAll(): Promise<void> {
    const pending = [...this.open.values()]
    this.open.clear()
    await Promise.allSettled(pending.map(async (connection) => (await connection).close()))
  }

  private async close(connectionId: string): Promise<void> {
    const pending = this.open.get(connectionId)
    this.open.delete(connectionId)
    await pending?.then((connection) => connection.close()).catch(() => undefined)
  }

  private testOptions({ connectionId, profile, password, sshSecret }: TestConnectionInput): ConnectionOptions {
    const typed = { ...(password ? { password } : {}), ...(sshSecret ? { ssh: sshSecret } : {}) }
    if (connectionId === undefined) {
      if (!profile) throw new QuarryFailure({ kind: 'invalid-input', message: 'Nothing to test', path: 'profile' })
      return connectionOptions(profile, typed)
    }
    const builtIn = this.builtIns.find((entry) => entry.summary.id === connectionId)
    if (builtIn && !profile) return builtIn.options
    const saved = this.saved(connectionId)
    const target = profile ?? saved.profile
    // Typed secrets replace saved ones; a saved one is only sent to the server it was saved for.
    const kept = password && (sshSecret || !target.ssh) ? {} : this.store.secretsFor(connectionId, target)
    return connectionOptions(target, { ...kept, ...typed })
  }

  private entry(connectionId: string): ConnectionEntry {
    const builtIn = this.builtIns.find((entry) => entry.summary.id === connectionId)
    if (builtIn) return builtIn
    const saved = this.store.get(connectionId)
    if (!saved) throw notFound(connectionId)
    const secrets = this.store.secretsFor(saved.id, saved.profile)
    return { summary: savedSummary(saved), options: connectionOptions(saved.profile, secrets) }
  }

  private refuseBuiltIn(connectionId: string, verb: string): void {
    const builtIn = this.builtIns.find((entry) => entry.summary.id === connectionId)
    if (builtIn) {
      const message = `${builtIn.summary.name} is built in and cannot be ${verb}`
      throw new QuarryFailure({ kind: 'permission', message })
    }
  }

  private driver(engine: EngineId): Driver {
    const driver = this.drivers.get(engine)
    if (!driver) {
      const message = `This build of Quarry has no ${engine} driver yet, so it cannot connect to ${engine} servers`
      throw new QuarryFailure({ kind: 'not-found', message, engine })
    }
    return driver
  }
}

const notFound = (id: string) => new QuarryFailure({ kind: 'not-found', message: `No connection with id ${id}` })
