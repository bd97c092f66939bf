/**
 * Entry of a SQLite host process (forked by host-process.ts). better-sqlite3 is synchronous, so
 * every SQLite call runs here, one request at a time, never on the Electron main thread.
 */
import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import { serveHost } from '../engine-host/serve-host'
import type { HostReady, HostRequest } from './sqlite-protocol'
import { SqliteSession } from './sqlite-session'
import { nativeBindingOptions } from './native-binding'

function ready(): HostReady {
  const probe = new Database(':memory:', nativeBindingOptions())
  const sqliteVersion = probe.prepare('SELECT sqlite_version()').pluck().get() as string
  probe.close()
  const { version: libraryVersion } = createRequire(import.meta.url)('better-sqlite3/package.json') as {
    version: string
  }
  return { type: 'ready', libraryVersion, sqliteVersion }
}

serveHost<HostRequest>('sqlite-host', () => new SqliteSession(), ready)
