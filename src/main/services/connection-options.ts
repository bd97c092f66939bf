import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_SSH_PORT,
  DEFAULT_SSL_MODE,
  defaultColorOf,
  effectivePort,
  engineDescriptor,
} from '../../shared/contract'
import type { ConnectionProfile, ConnectionSummary, SavedConnection } from '../../shared/contract'
import type { ConnectionOptions } from '../drivers/driver'
import type { ConnectionSecrets } from './secrets/secret-store'

/** What a driver needs to connect to a profile, the secrets added by main only. */
export function connectionOptions(profile: ConnectionProfile, secrets: ConnectionSecrets = {}): ConnectionOptions {
  const { password, ssh: sshSecret } = secrets
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
    ...(profile.ssh
      ? {
          ssh: {
            host: profile.ssh.host,
            port: profile.ssh.port ?? DEFAULT_SSH_PORT,
            user: profile.ssh.user,
            auth: profile.ssh.auth,
            ...(profile.ssh.keyFile ? { keyFile: profile.ssh.keyFile } : {}),
            ...(sshSecret && profile.ssh.auth !== 'agent' ? { secret: sshSecret } : {}),
            ...(profile.ssh.hostKey ? { hostKey: profile.ssh.hostKey } : {}),
            readyTimeoutMs: profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          },
        }
      : {}),
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
  const via = profile.ssh ? ` via ssh ${profile.ssh.user}@${profile.ssh.host}` : ''
  return `${user}${host}${port}${database}${via}`
}

/** How a saved connection appears in the tree. */
export const savedSummary = (saved: SavedConnection): ConnectionSummary => ({
  id: saved.id,
  name: saved.profile.name,
  engine: saved.profile.engine,
  detail: describeTarget(saved.profile),
  readOnly: saved.profile.readOnly ?? false,
  safeMode: saved.profile.safeMode ?? false,
  ...(saved.profile.manualCommit ? { manualCommit: true } : {}),
  color: saved.profile.color ?? defaultColorOf(saved.id),
  ...(saved.profile.database?.trim() ? { database: saved.profile.database.trim() } : {}),
  ...(saved.profile.ssh ? { viaSsh: true } : {}),
})
