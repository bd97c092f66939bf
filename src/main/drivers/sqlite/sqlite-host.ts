/**
 * Entry of a SQLite host process (forked by host-process.ts). better-sqlite3 is synchronous, so
 * every SQLite call runs here, one request at a time, never on the Electron main thread.
 */
import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import type { HostMessage, HostRequest } from './sqlite-protocol'
import { SqliteSession } from './sqlite-session'
import { nativeBindingOptions } from './native-binding'
import { startParentWatchdog } from './host-watchdog'

const send = (message: HostMessage): void => {
  process.send?.(message)
}

if (!process.send) {
  console.error('sqlite-host must be started by child_process.fork (it needs an IPC channel)')
  process.exit(1)
}

const session = new SqliteSession()

// The parent went away (closed us, or died): close the database cleanly and leave.
process.on('disconnect', () => {
  session.close()
  process.exit(0)
})

process.on('message', (request: HostRequest) => send(session.dispatch(request)))

const probe = new Database(':memory:', nativeBindingOptions())
const sqliteVersion = probe.prepare('SELECT sqlite_version()').pluck().get() as string
probe.close()
const { version: libraryVersion } = createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }
send({ type: 'ready', libraryVersion, sqliteVersion })
// …and when this thread is stuck inside SQLite and cannot see the disconnect, the watchdog acts.
// Started once ready, so it does not add to the time before the first request.
startParentWatchdog()
