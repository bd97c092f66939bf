/**
 * Entry of a DuckDB host process (forked by duckdb-host-process.ts). DuckDB runs here, not in
 * main: a native crash or a statement that never yields ends this process only.
 */
import { createRequire } from 'node:module'
import { version as duckdbVersion } from '@duckdb/node-api'
import { serveHost } from '../engine-host/serve-host'
import { DuckdbEngine } from './duckdb-engine'
import type { HostReady, HostRequest } from './duckdb-protocol'

function ready(): HostReady {
  const { version: libraryVersion } = createRequire(import.meta.url)('@duckdb/node-api/package.json') as {
    version: string
  }
  return { type: 'ready', libraryVersion, duckdbVersion: duckdbVersion().replace(/^v/, '') }
}

serveHost<HostRequest>('duckdb-host', () => new DuckdbEngine(), ready)
