/**
 * Entry of a DuckDB host process (forked by duckdb-host-process.ts). DuckDB runs here, not in
 * main: a native crash or a statement that never yields ends this process only.
 */
import { createRequire } from 'node:module'
import { version as duckdbVersion } from '@duckdb/node-api'
import { DuckdbEngine } from './duckdb-engine'
import type { HostMessage, HostRequest } from './duckdb-protocol'

const send = (message: HostMessage): void => {
  process.send?.(message)
}

if (!process.send) {
  console.error('duckdb-host must be started by child_process.fork (it needs an IPC channel)')
  process.exit(1)
}

const engine = new DuckdbEngine()

// The parent went away (closed us, or died): close the database cleanly and leave.
process.on('disconnect', () => {
  engine.close()
  process.exit(0)
})

process.on('message', (request: HostRequest) => void engine.dispatch(request).then(send))

const { version: libraryVersion } = createRequire(import.meta.url)('@duckdb/node-api/package.json') as {
  version: string
}
send({ type: 'ready', libraryVersion, duckdbVersion: duckdbVersion().replace(/^v/, '') })
