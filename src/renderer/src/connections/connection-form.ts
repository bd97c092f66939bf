import { parseConnectionUrl } from '../../../shared/connection-url'
import {
  CONNECTABLE_ENGINE_IDS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_SSH_PORT,
  DEFAULT_SSL_MODE,
  PROFILE_LIMITS,
  engineDescriptor,
  hasField,
  isConnectableEngine,
  sameServer,
} from '../../../shared/contract'
import type {
  ConnectableEngine,
  ConnectionColor,
  ConnectionProfileInput,
  MssqlEncrypt,
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
  /** SQL Server: named instance (empty: the default instance). */
  instance: string
  encrypt: MssqlEncrypt
  trustServerCertificate: boolean
  /** MongoDB: authSource. */
  authDatabase: string
  /** MongoDB: mongodb+srv:// host. */
  srv: boolean
  safeMode: boolean
  manualCommit: boolean
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
  /** The colour its tabs and tree row wear; null: the one derived from its id. */
  color: ConnectionColor | null
}

export type FormField = keyof ConnectionFormValues
export type FormErrors = Partial<Record<FormField, string>>

const isFileEngine = (engine: ConnectableEngine): boolean => engineDescriptor(engine)?.target === 'file'
const defaultPortText = (engine: ConnectableEngine): string => String(engineDescriptor(engine)?.defaultPort ?? '')

export function newConnectionForm(engine: ConnectableEngine = CONNECTABLE_ENGINE_IDS[0]): ConnectionFormValues {
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
    instance: '',
    encrypt: 'mandatory',
    trustServerCertificate: false,
    authDatabase: '',
    srv: false,
    safeMode: false,
    manualCommit: false,
    sshEnabled: false,
    sshHost: '',
    sshPort: String(DEFAULT_SSH_PORT),
    sshUser: '',
    sshAuth: 'key',
    sshKeyFile: '',
    sshSecret: '',
    forgetSshSecret: false,
    sshHostKey: '',
    color: null,
  }
}

/** The form for editing a saved connection; the password field starts empty (keep the saved one). */
export function formFromSaved({ profile }: SavedConnection): ConnectionFormValues {
  const engine = isConnectableEngine(profile.engine) ? profile.engine : CONNECTABLE_ENGINE_IDS[0]
  return {
    ...newConnectionForm(engine),
    name: profile.name,
    host: profile.host ?? '',
    port:
      profile.port === undefined
        ? profile.mssql?.instance || profile.srv
          ? ''
          : defaultPortText(engine)
        : String(profile.port),
    user: profile.user ?? '',
    database: profile.database ?? '',
    file: profile.file ?? '',
    sslMode: profile.ssl?.mode ?? DEFAULT_SSL_MODE,
    caFile: profile.ssl?.caFile ?? '',
    timeoutSeconds: String(Math.round((profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000)),
    readOnly: profile.readOnly ?? false,
    instance: profile.mssql?.instance ?? '',
    encrypt: profile.mssql?.encrypt ?? 'mandatory',
    trustServerCertificate: profile.mssql?.trustServerCertificate ?? false,
    authDatabase: profile.authDatabase ?? '',
    srv: profile.srv ?? false,
    safeMode: profile.safeMode ?? false,
    manualCommit: profile.manualCommit ?? false,
    color: profile.color ?? null,
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
    port: url.port === undefined ? (url.srv ? '' : defaults.port) : String(url.port),
    authDatabase: url.authDatabase ?? '',
    srv: url.srv ?? false,
    user: url.user ?? '',
    password: url.password ?? '',
    database: url.database ?? '',
    sslMode: url.ssl?.mode ?? defaults.sslMode,
    caFile: url.ssl?.caFile ?? '',
    timeoutSeconds: url.connectTimeoutMs === undefined ? defaults.timeoutSeconds : String(url.connectTimeoutMs / 1000),
    instance: url.mssql?.instance ?? '',
    encrypt: url.mssql?.encrypt ?? defaults.encrypt,
    trustServerCertificate: url.mssql?.trustServerCertificate ?? defaults.trustServerCertificate,
  }
  // A named instance without a port is found through SQL Server Browser: no default port then.
  if (url.mssql?.instance && url.port === undefined) filled.port = ''
  return { ok: true, values: filled, warnings: url.warnings }
}

/** `user@host/db` (parts left out when empty), or the file's name. */
export function defaultConnectionName(values: ConnectionFormValues): string {
  if (isFileEngine(values.engine)) return values.file.trim().split(/[\\/]/).pop() ?? ''
  const user = values.user.trim() ? `${values.user.trim()}@` : ''
  const database = values.database.trim() ? `/${values.database.trim()}` : ''
  const host = values.host.trim()
  const instance = hasField(values.engine, 'instance') && values.instance.trim() ? `\\${values.instance.trim()}` : ''
  return host ? `${user}${host}${instance}${database}`.slice(0, PROFILE_LIMITS.name) : ''
}

/** The profile main saves: only the fields the engine uses, the name defaulted. */
export function toProfile(values: ConnectionFormValues): ConnectionProfileInput {
  const name = values.name.trim() || defaultConnectionName(values) || 'Connection'
  const base = {
    name,
    engine: values.engine,
    ...(values.readOnly ? { readOnly: true } : {}),
    ...(values.safeMode ? { safeMode: true } : {}),
    ...(values.manualCommit ? { manualCommit: true } : {}),
    ...(values.color ? { color: values.color } : {}),
  }
  if (isFileEngine(values.engine)) return { ...base, file: values.file.trim() }
  const extra = engineDescriptor(values.engine)?.extraFields ?? []
  const optional = (key: 'user' | 'database' | 'authDatabase', text: string) =>
    text.trim() ? { [key]: text.trim() } : {}
  const server = {
    ...base,
    host: values.host.trim(),
    ...(values.port.trim() ? { port: Number(values.port.trim()) } : {}),
    ...optional('user', values.user),
    ...optional('database', values.database),
    ...(extra.includes('authDatabase') ? optional('authDatabase', values.authDatabase) : {}),
    ...(extra.includes('srv') && values.srv ? { srv: true } : {}),
    connectTimeoutMs: Number(values.timeoutSeconds.trim()) * 1000,
    ...(values.sshEnabled ? { ssh: sshProfile(values) } : {}),
  }
  if (extra.includes('encrypt')) {
    // SQL Server's TLS is its encrypt setting, not an SSL mode.
    const instance = values.instance.trim()
    const mssql = {
      ...(instance ? { instance } : {}),
      encrypt: values.encrypt,
      trustServerCertificate: values.trustServerCertificate,
    }
    return { ...server, mssql }
  }
  return {
    ...server,
    ssl: { mode: values.sslMode, ...(values.caFile.trim() ? { caFile: values.caFile.trim() } : {}) },
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
    'profile.mssql.instance': 'instance',
    'profile.mssql.encrypt': 'encrypt',
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
