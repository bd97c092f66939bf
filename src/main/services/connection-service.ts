import { basename } from 'node:path'
import { QuarryFailure } from '../../shared/contract'
import type { ConnectionSummary, EngineId } from '../../shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../drivers/driver'

/** A connection the app knows about: what the renderer may see, and how to open it. */
export interface ConnectionEntry {
  summary: ConnectionSummary
  options: ConnectionOptions
}

/** The built-in connection to the bundled sample database. */
export function sampleConnection(file: string): ConnectionEntry {
  return {
    summary: { id: 'sample', name: 'Sample database', engine: 'sqlite', detail: basename(file), readOnly: false },
    options: { engine: 'sqlite', file },
  }
}

/**
 * Knows the connections and opens each lazily on first use. Concurrent first uses share one
 * connect; a failed connect is not cached, so the next call tries again.
 */
export class ConnectionService {
  private readonly open = new Map<string, Promise<DriverConnection>>()

  constructor(
    private readonly entries: ConnectionEntry[],
    private readonly drivers: ReadonlyMap<EngineId, Driver>,
  ) {}

  list(): ConnectionSummary[] {
    return this.entries.map((entry) => entry.summary)
  }

  driverFor(connectionId: string): Driver {
    return this.driver(this.entry(connectionId).summary.engine)
  }

  get(connectionId: string): Promise<DriverConnection> {
    const existing = this.open.get(connectionId)
    if (existing) return existing
    const entry = this.entry(connectionId)
    const pending = this.driver(entry.summary.engine).connect(entry.options)
    this.open.set(connectionId, pending)
    pending.catch(() => this.open.delete(connectionId))
    return pending
  }

  async closeAll(): Promise<void> {
    const pending = [...this.open.values()]
    this.open.clear()
    await Promise.allSettled(pending.map(async (connection) => (await connection).close()))
  }

  private entry(connectionId: string): ConnectionEntry {
    const entry = this.entries.find((candidate) => candidate.summary.id === connectionId)
    if (!entry) throw new QuarryFailure({ kind: 'not-found', message: `No connection with id ${connectionId}` })
    return entry
  }

  private driver(engine: EngineId): Driver {
    const driver = this.drivers.get(engine)
    if (!driver) throw new QuarryFailure({ kind: 'internal', message: `No driver for ${engine}` })
    return driver
  }
}
