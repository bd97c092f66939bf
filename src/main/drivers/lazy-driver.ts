import type { ConnectionOptions, Driver, DriverConnection } from './driver'

/** What is known of a driver before its module (and its database library) is loaded. */
export type DriverFacts = Pick<
  Driver,
  | 'engine'
  | 'name'
  | 'capabilities'
  | 'quoteIdentifier'
  | 'dialect'
  | 'explain'
  | 'tableQuery'
  | 'objectsQuery'
  | 'schemaGraphQueries'
  | 'schemaGraphAroundQueries'
> & {
  /** Shown until the driver is loaded; then the driver's own version string. */
  version: string
}

/**
 * A driver whose module loads on its first connect: a heavy database library (tedious is ~20 MB of
 * heap) costs nothing in a session that never opens such a connection.
 */
export function lazyDriver(facts: DriverFacts, load: () => Promise<Driver>): Driver {
  let loading: Promise<Driver> | null = null
  let loaded: Driver | null = null
  return {
    ...facts,
    get version() {
      return loaded?.version ?? facts.version
    },
    async connect(options: ConnectionOptions): Promise<DriverConnection> {
      loading ??= load().then((driver) => (loaded = driver))
      return (await loading).connect(options)
    },
  }
}
