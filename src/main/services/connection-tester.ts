import { DEFAULT_CONNECT_TIMEOUT_MS, QuarryFailure, engineDescriptor } from '../../shared/contract'
import type { ConnectionTestResult } from '../../shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../drivers/driver'
import { toQuarryError } from './to-quarry-error'
import { explainConnectFailure, serverName } from './connection-failure'
import { connectThrough } from './ssh/tunneled-connect'

/** Time a driver gets beyond the connect timeout before the test gives up on it. */
const GRACE_MS = 5_000

/**
 * Connects, asks the server's version, and disconnects. A test changes nothing: a file engine
 * opens its file read-only, so testing a path that does not exist never creates it.
 */
export async function testConnection(
  driver: Driver,
  profileOptions: ConnectionOptions,
  graceMs = GRACE_MS,
): Promise<ConnectionTestResult> {
  const fileEngine = engineDescriptor(profileOptions.engine)?.target === 'file'
  const options = fileEngine ? { ...profileOptions, readOnly: true } : profileOptions
  // Drivers honour connectTimeoutMs; this guard is for one that does not.
  const limitMs = (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + graceMs
  const started = performance.now()
  const connecting = connectThrough(driver, options)
  let connection: DriverConnection | undefined
  try {
    const opened = await withDeadline(connecting, limitMs, options)
    connection = opened.connection
    const serverVersion = await withDeadline(connection.version(), limitMs, options)
    return {
      engine: driver.engine,
      serverVersion,
      driverName: driver.name,
      elapsedMs: Math.round(performance.now() - started),
      ...(opened.sshHostKey ? { sshHostKey: opened.sshHostKey } : {}),
    }
  } catch (thrown) {
    // A connect that arrives after the deadline is closed as soon as it does.
    if (!connection) connecting.then((late) => late.connection.close()).catch(() => undefined)
    throw new QuarryFailure(explainConnectFailure(toQuarryError(thrown, options.engine), options))
  } finally {
    await connection?.close().catch(() => undefined)
  }
}

function withDeadline<T>(work: Promise<T>, limitMs: number, options: ConnectionOptions): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const who = engineDescriptor(options.engine)?.target === 'server' ? serverName(options) : 'The database'
      const message = `${who} did not answer within ${Math.ceil(limitMs / 1000)} s`
      reject(new QuarryFailure({ kind: 'timeout', message, engine: options.engine }))
    }, limitMs)
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}
