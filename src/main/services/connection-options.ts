import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_SSL_MODE, effectivePort, engineDescriptor } from '../../shared/contract'
import type { ConnectionProfile, ConnectionSummary, SavedConnection } from '../../shared/contract'
import type { ConnectionOptions } from '../drivers/driver'

/** What a driver needs to connect to a profile, the password added by main only. */
export function connectionOptions(profile: ConnectionProfile, password: string | undefined): ConnectionOptions {
  const readOnly = profile.readOnly ?? false
  if (engineDescriptor(profile.engine)?.target === 'file') {
    return { engine: profile.engine, file: profile.file ?? '', readOnly }
  }
  return {
    engine: profile.engine,
    host: profile.host ?? '',
    port: effectivePort(profile) ?? undefined,
    ...(profile.user ? { user: profile.user } : {}),
    ...(password ? { password } : {}),
    ...(profile.database ? { database: profile.database } : {}),
    ...(profile.authDatabase ? { authDatabase: profile.authDatabase } : {}),
    ...(profile.srv ? { srv: true } : {}),
    readOnly,
    connectTimeoutMs: profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ssl: {
      mode: profile.ssl?.mode ?? DEFAULT_SSL_MODE,
      ...(profile.ssl?.caFile ? { caFile: profile.ssl.caFile } : {}),
    },
    ...(profile.mssql ? { mssql: profile.mssql } : {}),
  }
}

/** Where a profile points, in a few words: `user@host:port/db`, or the file's path. */
export function describeTarget(profile: ConnectionProfile): string {
  if (engineDescriptor(profile.engine)?.target === 'file') return profile.file ?? ''
  const host = profile.host?.includes(':') ? `[${profile.host}]` : (profile.host ?? '')
  if (profile.mssql?.instance) {
    const port = profile.port ? `,${profile.port}` : ''
    const user = profile.user ? `${profile.user}@` : ''
    return `${user}${host}\\${profile.mssql.instance}${port}${profile.database ? `/${profile.database}` : ''}`
  }
  const user = profile.user ? `${profile.user}@` : ''
  const database = profile.database ? `/${profile.database}` : ''
  const port = profile.srv ? ' (SRV)' : `:${effectivePort(profile) ?? ''}`
  return `${user}${host}${port}${database}`
}

/** How a saved connection appears in the tree. */
export const savedSummary = (saved: SavedConnection): ConnectionSummary => ({
  id: saved.id,
  name: saved.profile.name,
  engine: saved.profile.engine,
  detail: describeTarget(saved.profile),
  readOnly: saved.profile.readOnly ?? false,
})
