import { parseConnectionUrl } from '../../../shared/connection-url'
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_SSH_PORT,
  DEFAULT_SSL_MODE,
  PROFILE_LIMITS,
  engineDescriptor,
  isConnectableEngine,
  sameServer,
} from '../../../shared/contract'
import type {
  ConnectableEngine,
  ConnectionProfileInput,
  SavedConnection,
  SshAuth,
  SshTunnelProfile,
  SslMode,
} from '../../../shared/contract'

/** The dialog's fields as typed: text stays text until it is saved. */
export interface ConnectionFormValues {
  engine: ConnectableEngine
  name: string
  host: string
  port: string
  user: string
  /** A new password; empty on edit keeps the saved one. */
  password: string
  forgetPassword: boolean
  database: string
  file: string
  sslMode: SslMode
  caFile: string
  timeoutSeconds: string
  readOnly: boolean
  safeMode: boolean
  /** Reach the server through an SSH tunnel. */
  sshEnabled: boolean
  sshHost: string
  sshPort: string
  sshUser: string
  sshAuth: SshAuth
  sshKeyFile: string
  /** A new SSH password or key passphrase; empty on edit keeps the saved one. */
  sshSecret: string
  forgetSshSecret: boolean
  /** The SSH server's recorded host key (`SHA256:…`); empty: recorded on first use. */
  sshHostKey: string
}

export type FormField = keyof ConnectionFormValues
export type FormErrors = Partial<Record<FormField, string>>

const isFileEngine = (engine: ConnectableEngine): boolean => engineDescriptor(engine)?.target === 'file'
const defaultPortText = (engine: ConnectableEngine): string => String(engineDescriptor(engine)?.defaultPort ?? '')

export function newConnectionForm(engine: ConnectableEngine = 'postgres'): ConnectionFormValues {
  return {
    engine,
    name: '',
    host: isFileEngine(engine) ? '' : 'localhost',
    port: defaultPortText(engine),
    user: '',
    password: '',
    forgetPassword: false,
    database: '',
    file: '',
    sslMode: DEFAULT_SSL_MODE,
    caFile: '',
    timeoutSeconds: String(DEFAULT_CONNECT_TIMEOUT_MS / 1000),
    readOnly: false,
    safeMode: false,
    sshEnabled: false,
    sshHost: '',
    sshPort: String(DEFAULT_SSH_PORT),
    sshUser: '',
    sshAuth: 'key',
    sshKeyFile: '',
    sshSecret: '',
    forgetSshSecret: false,
    sshHostKey: '',
  }
}

/** The form for editing a saved connection; the password field starts empty (keep the saved one). */
export function formFromSaved({ profile }: SavedConnection): ConnectionFormValues {
  const engine = isConnectableEngine(profile.engine) ? profile.engine : 'postgres'
  return {
    ...newConnectionForm(engine),
    name: profile.name,
    host: profile.host ?? '',
    port: profile.port === undefined ? defaultPortText(engine) : String(profile.port),
    user: profile.user ?? '',
    database: profile.database ?? '',
    file: profile.file ?? '',
    sslMode: profile.ssl?.mode ?? DEFAULT_SSL_MODE,
    caFile: profile.ssl?.caFile ?? '',
    timeoutSeconds: String(Math.round((profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000)),
    readOnly: profile.readOnly ?? false,
    safeMode: profile.safeMode ?? false,
    ...(profile.ssh
      ? {
          sshEnabled: true,
          sshHost: profile.ssh.host,
          sshPort: String(profile.ssh.port ?? DEFAULT_SSH_PORT),
          sshUser: profile.ssh.user,
          sshAuth: profile.ssh.auth,
          sshKeyFile: profile.ssh.keyFile ?? '',
          sshHostKey: profile.ssh.hostKey ?? '',
        }
      : {}),
  }
}

/** Switches engine; a port left at the old engine's default follows to the new one's. */
export function withEngine(values: ConnectionFormValues, engine: ConnectableEngine): ConnectionFormValues {
  const portFollows = values.port.trim() === '' || values.port.trim() === defaultPortText(values.engine)
  return { ...values, engine, port: portFollows ? defaultPortText(engine) : values.port }
}

/** Fills the form from a pasted URL: it describes the whole target, so unsaid fields get defaults. */
export function fillFromUrl(
  values: ConnectionFormValues,
  text: string,
): { ok: true; values: ConnectionFormValues; warnings: string[] } | { ok: false; error: string } {
  const parsed = parseConnectionUrl(text)
  if (!parsed.ok) return parsed
  const url = parsed.value
  const defaults = newConnectionForm(url.engine)
  const filled: ConnectionFormValues = {
    ...values,
    engine: url.engine,
    host: url.host ?? '',
    port: url.port === undefined ? defaults.port : String(url.port),
    user: url.user ?? '',
    password: url.password ?? '',
    database: url.database ?? '',
    sslMode: url.ssl?.mode ?? defaults.sslMode,
    caFile: url.ssl?.caFile ?? '',
    timeoutSeconds: url.connectTimeoutMs === undefined ? defaults.timeoutSeconds : String(url.connectTimeoutMs / 1000),
  }
  return { ok: true, values: filled, warnings: url.warnings }
}

/** `user@host/db` (parts left out when empty), or the file's name. */
export function defaultConnectionName(values: ConnectionFormValues): string {
  if (isFileEngine(values.engine)) return values.file.trim().split(/[\\/]/).pop() ?? ''
  const user = values.user.trim() ? `${values.user.trim()}@` : ''
  const database = values.database.trim() ? `/${values.database.trim()}` : ''
  const host = values.host.trim()
  return host ? `${user}${host}${database}`.slice(0, PROFILE_LIMITS.name) : ''
}

/** The profile main saves: only the fields the engine uses, the name defaulted. */
export function toProfile(values: ConnectionFormValues): ConnectionProfileInput {
  const name = values.name.trim() || defaultConnectionName(values) || 'Connection'
  const base = {
    name,
    engine: values.engine,
    ...(values.readOnly ? { readOnly: true } : {}),
    ...(values.safeMode ? { safeMode: true } : {}),
  }
  if (isFileEngine(values.engine)) return { ...base, file: values.file.trim() }
  const optional = (key: 'user' | 'database', text: string) => (text.trim() ? { [key]: text.trim() } : {})
  return {
    ...base,
    host: values.host.trim(),
    ...(values.port.trim() ? { port: Number(values.port.trim()) } : {}),
    ...optional('user', values.user),
    ...optional('database', values.database),
    ssl: { mode: values.sslMode, ...(values.caFile.trim() ? { caFile: values.caFile.trim() } : {}) },
    connectTimeoutMs: Number(values.timeoutSeconds.trim()) * 1000,
    ...(values.sshEnabled ? { ssh: sshProfile(values) } : {}),
  }
}

function sshProfile(values: ConnectionFormValues): SshTunnelProfile {
  const port = values.sshPort.trim()
  return {
    host: values.sshHost.trim(),
    ...(port && port !== String(DEFAULT_SSH_PORT) ? { port: Number(port) } : {}),
    user: values.sshUser.trim(),
    auth: values.sshAuth,
    ...(values.sshAuth === 'key' ? { keyFile: values.sshKeyFile.trim() } : {}),
    ...(values.sshHostKey ? { hostKey: values.sshHostKey } : {}),
  }
}

/** The SSH secret to send: only a newly typed one, and only for an auth that uses one. */
export const typedSshSecret = (values: ConnectionFormValues): { sshSecret?: string } =>
  values.sshEnabled && values.sshAuth !== 'agent' && values.sshSecret ? { sshSecret: values.sshSecret } : {}

/** The password to send: only a newly typed one (empty keeps the saved one). */
export const typedPassword = (values: ConnectionFormValues): { password?: string } =>
  values.password ? { password: values.password } : {}

/**
 * Whether the edit points the connection at another server while relying on the saved password,
 * which main only sends to the server it was saved for.
 */
export const needsPasswordAgain = (saved: SavedConnection | null, values: ConnectionFormValues): boolean =>
  saved !== null &&
  saved.hasPassword &&
  !values.password &&
  !values.forgetPassword &&
  !sameServer(saved.profile, toProfile(values))

/** Which field an invalid-input error from main is about (`profile.ssl.caFile` → caFile). */
export function fieldOfErrorPath(path: string | undefined): FormField | null {
  const map: Record<string, FormField> = {
    'profile.name': 'name',
    'profile.host': 'host',
    'profile.port': 'port',
    'profile.user': 'user',
    'profile.database': 'database',
    'profile.file': 'file',
    'profile.ssl.mode': 'sslMode',
    'profile.ssl.caFile': 'caFile',
    'profile.connectTimeoutMs': 'timeoutSeconds',
    'profile.ssh.host': 'sshHost',
    'profile.ssh.port': 'sshPort',
    'profile.ssh.user': 'sshUser',
    'profile.ssh.keyFile': 'sshKeyFile',
    'ssh.keyFile': 'sshKeyFile',
    password: 'password',
    sshSecret: 'sshSecret',
  }
  return (path && map[path]) || null
}
