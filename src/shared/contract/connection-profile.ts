import { z } from 'zod'
import { CONNECTION_COLORS } from './connection-colors'
import {
  CONNECTABLE_ENGINES,
  CONNECTABLE_ENGINE_IDS,
  MSSQL_ENCRYPT_MODES,
  MAX_CONNECT_TIMEOUT_MS,
  MIN_CONNECT_TIMEOUT_MS,
  SSL_MODES,
  engineDescriptor,
} from './engine-catalog'
import type { ConnectionProfile } from './model'

/** Longest accepted text per field: generous for real values, a wall for hostile ones. */
export const PROFILE_LIMITS = {
  name: 200,
  host: 255,
  user: 256,
  password: 4096,
  database: 1024,
  path: 4096,
  instance: 128,
} as const

/** Control characters never belong in a name, host, user or path (and can forge log lines). */
export const hasControlCharacters = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasControlCharacters(value), 'must not contain control characters')

export const passwordSchema = z.string().max(PROFILE_LIMITS.password)

/** The default SSH port. */
export const DEFAULT_SSH_PORT = 22

/** An SSH host key fingerprint as OpenSSH prints it: `SHA256:` and 43 base64 characters. */
export const SSH_HOST_KEY_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/

const sshTunnelSchema = z
  .object({
    host: text(PROFILE_LIMITS.host)
      .min(1)
      .refine((value) => !/\s/.test(value), 'must not contain spaces'),
    port: z.number().int().min(1).max(65535).optional(),
    user: text(PROFILE_LIMITS.user).min(1),
    auth: z.enum(['password', 'key', 'agent']),
    keyFile: text(PROFILE_LIMITS.path).optional(),
    hostKey: z.string().regex(SSH_HOST_KEY_PATTERN, 'must be an OpenSSH SHA256 fingerprint').optional(),
  })
  .strict()
  .superRefine((ssh, ctx) => {
    if (ssh.auth === 'key' && !ssh.keyFile?.trim())
      ctx.addIssue({ code: 'custom', path: ['keyFile'], message: 'a private key file is required' })
  })

/** A connection profile from the renderer: strict, every field bounded, cross-field rules by engine. */
export const connectionProfileSchema = z
  .object({
    name: text(PROFILE_LIMITS.name).min(1),
    engine: z.enum(CONNECTABLE_ENGINE_IDS),
    host: text(PROFILE_LIMITS.host)
      .refine((value) => !/\s/.test(value), 'must not contain spaces')
      .optional(),
    port: z.number().int().min(1).max(65535).optional(),
    user: text(PROFILE_LIMITS.user).optional(),
    database: text(PROFILE_LIMITS.database).optional(),
    file: text(PROFILE_LIMITS.path).optional(),
    ssl: z
      .object({ mode: z.enum(SSL_MODES), caFile: text(PROFILE_LIMITS.path).optional() })
      .strict()
      .optional(),
    connectTimeoutMs: z.number().int().min(MIN_CONNECT_TIMEOUT_MS).max(MAX_CONNECT_TIMEOUT_MS).optional(),
    readOnly: z.boolean().optional(),
    mssql: z
      .object({
        instance: text(PROFILE_LIMITS.instance)
          .refine((value) => /^[A-Za-z0-9_$#-]*$/.test(value), 'letters, digits, _ $ # - only')
          .optional(),
        encrypt: z.enum(MSSQL_ENCRYPT_MODES).optional(),
        trustServerCertificate: z.boolean().optional(),
      })
      .strict()
      .optional(),
    authDatabase: text(PROFILE_LIMITS.database).optional(),
    srv: z.boolean().optional(),
    safeMode: z.boolean().optional(),
    manualCommit: z.boolean().optional(),
    color: z.enum(CONNECTION_COLORS).optional(),
    ssh: sshTunnelSchema.optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const target = engineDescriptor(profile.engine)?.target
    if (target === 'server' && !profile.host?.trim())
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'a host is required' })
    const extra = engineDescriptor(profile.engine)?.extraFields ?? []
    if (profile.srv && !extra.includes('srv'))
      ctx.addIssue({ code: 'custom', path: ['srv'], message: 'only MongoDB connections use SRV host names' })
    if (profile.srv && profile.port !== undefined)
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'an SRV host name takes no port' })
    if (target === 'file' && !profile.file?.trim())
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'a database file is required' })
    // An engine's own settings block (SQL Server's) belongs on that engine's profiles only.
    for (const other of CONNECTABLE_ENGINES) {
      const block = other.settingsBlock
      if (block && other.id !== profile.engine && profile[block])
        ctx.addIssue({ code: 'custom', path: [block], message: `${other.label} settings on another engine` })
    }
    if (target === 'file' && profile.ssh)
      ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'an SSH tunnel needs a server engine' })
  }) satisfies z.ZodType<ConnectionProfile>

/** A profile as main accepts it: the engine one the dialog offers. */
export type ConnectionProfileInput = z.infer<typeof connectionProfileSchema>

/**
 * The port a profile connects to, its engine's default when it names none. A SQL Server named
 * instance without a port has none: SQL Server Browser says which when connecting.
 */
export const effectivePort = (profile: ConnectionProfile): number | null =>
  profile.port ?? (profile.mssql?.instance ? null : (engineDescriptor(profile.engine)?.defaultPort ?? null))

/**
 * Whether two profiles point at the same server (engine, host, port, file). A saved password is
 * only ever sent to the server it was saved for, so a profile edited to point elsewhere needs it again.
 */
export const sameServer = (a: ConnectionProfile, b: ConnectionProfile): boolean => serverKey(a) === serverKey(b)

/**
 * The server (and SSH tunnel) a profile connects to, as one comparable text: what sameServer
 * compares. Saved secrets are stored under it, so a secret is only ever sent to its own target.
 */
export const serverKey = (profile: ConnectionProfile): string =>
  JSON.stringify(
    [
      profile.engine,
      (profile.ssh?.host ?? '').trim().toLowerCase(),
      profile.ssh?.port ?? DEFAULT_SSH_PORT,
      profile.ssh?.user ?? '',
      (profile.host ?? '').trim().toLowerCase(),
      effectivePort(profile),
      (profile.mssql?.instance ?? '').toLowerCase(),
      profile.srv ?? false,
      profile.file ?? '',
    ].map(String),
  )

/** Whether two profiles use the same SSH tunnel (or none): a saved SSH secret only goes to its server. */
export const sameTunnel = (a: ConnectionProfile, b: ConnectionProfile): boolean =>
  (a.ssh?.host ?? '').trim().toLowerCase() === (b.ssh?.host ?? '').trim().toLowerCase() &&
  (a.ssh?.port ?? DEFAULT_SSH_PORT) === (b.ssh?.port ?? DEFAULT_SSH_PORT) &&
  (a.ssh?.user ?? '') === (b.ssh?.user ?? '')
