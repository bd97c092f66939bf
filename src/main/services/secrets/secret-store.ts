import { z } from 'zod'
import type { StateFileProblem } from '../../../shared/contract'
import { ForeignContent, StateFile } from '../state-file'
import type { SecretCodec, SecretScheme } from './secret-codec'

/** The secrets of one saved connection: its database password, its SSH password or key passphrase. */
export interface ConnectionSecrets {
  password?: string
  ssh?: string
}

/**
 * A connection's secrets as stored: with the target they were saved for (the profile's serverKey),
 * so they are only ever sent there. Null for a file of version 1 (no target) until adopted.
 */
export interface StoredSecrets extends ConnectionSecrets {
  target: string | null
}

/** File name inside the data directory. */
export const SECRETS_FILE = 'connection-secrets.json'

const entrySchema = z.object({ password: z.string().optional(), ssh: z.string().optional() }).strict()
const fileSchema = z.discriminatedUnion('version', [
  // Version 1 (before secrets named their target): read, then rewritten as version 2 by the next save.
  z
    .object({
      version: z.literal(1),
      scheme: z.enum(['plain', 'safe-storage']),
      secrets: z.record(z.string(), entrySchema),
    })
    .strict(),
  z
    .object({
      version: z.literal(2),
      scheme: z.enum(['plain', 'safe-storage']),
      secrets: z.record(z.string(), entrySchema.extend({ target: z.string() }).strict()),
    })
    .strict(),
])
type SecretsFile = Extract<z.infer<typeof fileSchema>, { version: 2 }>

/**
 * Secrets by connection id, each with the target it was saved for, in their own 0600 file, encoded by the codec (OS keychain ciphertext on
 * the desktop, text in browser mode). Held decoded in main's memory only; nothing here is ever part
 * of a contract answer. A file whose secrets cannot be decoded (another keychain, another scheme)
 * is kept aside and reported like any unreadable state file.
 */
export class SecretStore {
  private readonly file: StateFile<Map<string, StoredSecrets>>

  constructor(
    path: string | null,
    private readonly codec: SecretCodec,
  ) {
    this.file = new StateFile(
      path,
      new Map(),
      (text) => decodeFile(text, codec),
      0o600,
      (secrets) => encodeFile(secrets, codec),
    )
  }

  get problem(): StateFileProblem | null {
    return this.file.problem
  }

  get storage(): { kind: SecretCodec['kind']; detail: string } {
    return { kind: this.codec.kind, detail: this.codec.detail }
  }

  get(id: string): StoredSecrets {
    return { target: null, ...this.file.value.get(id) }
  }

  /** Whether the file still holds secrets without a target (version 1): the next write fixes that. */
  get hasUntargeted(): boolean {
    return [...this.file.value.values()].some((secrets) => secrets.target === null)
  }

  /**
   * Gives each secret without a target (a version 1 file) the target of the profile saved with it
   * now, in memory; the next replace() writes it. Done once, when the store opens.
   */
  adoptUntargeted(targetOf: (id: string) => string | null): void {
    for (const [id, secrets] of this.file.value) if (secrets.target === null) secrets.target = targetOf(id)
  }

  ids(): string[] {
    return [...this.file.value.keys()]
  }

  /** Replaces every connection's secrets at once (callers run one write at a time). */
  async replace(next: Map<string, StoredSecrets>): Promise<void> {
    const compact = new Map([...next].filter(([, s]) => s.password !== undefined || s.ssh !== undefined))
    await this.file.replace(compact)
  }

  snapshot(): Map<string, StoredSecrets> {
    return new Map([...this.file.value].map(([id, secrets]) => [id, { ...secrets }]))
  }
}

function decodeFile(text: string, codec: SecretCodec): Map<string, StoredSecrets> {
  const parsed = fileSchema.safeParse(JSON.parse(text))
  if (!parsed.success) throw new ForeignContent(`unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  const decode = decoder(parsed.data.scheme, codec)
  const secrets = new Map<string, StoredSecrets>()
  const entries: [string, z.infer<typeof entrySchema> & { target?: string }][] = Object.entries(parsed.data.secrets)
  for (const [id, stored] of entries) {
    secrets.set(id, {
      target: stored.target ?? null,
      ...(stored.password !== undefined ? { password: decode(stored.password) } : {}),
      ...(stored.ssh !== undefined ? { ssh: decode(stored.ssh) } : {}),
    })
  }
  return secrets
}

/** Plain text is always readable (and re-encrypted on the next save); ciphertext needs the keychain. */
function decoder(scheme: SecretScheme, codec: SecretCodec): (stored: string) => string {
  if (scheme === 'plain') return (stored) => stored
  if (codec.scheme !== 'safe-storage') {
    throw new ForeignContent('its passwords are encrypted by an OS keychain that is not available now')
  }
  return (stored) => {
    try {
      return codec.decode(stored)
    } catch (error) {
      throw new ForeignContent(`the OS keychain could not decrypt its passwords (${(error as Error).message})`)
    }
  }
}

function encodeFile(secrets: Map<string, StoredSecrets>, codec: SecretCodec): SecretsFile {
  const encoded: SecretsFile['secrets'] = {}
  for (const [id, { target, password, ssh }] of secrets) {
    // A secret whose target is unknown (its connection is gone) is not worth keeping.
    if (target === null) continue
    encoded[id] = {
      target,
      ...(password !== undefined ? { password: codec.encode(password) } : {}),
      ...(ssh !== undefined ? { ssh: codec.encode(ssh) } : {}),
    }
  }
  return { version: 2, scheme: codec.scheme, secrets: encoded }
}
