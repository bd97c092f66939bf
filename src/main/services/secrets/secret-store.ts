import { z } from 'zod'
import type { StateFileProblem } from '../../../shared/contract'
import { ForeignContent, StateFile } from '../state-file'
import type { SecretCodec, SecretScheme } from './secret-codec'

/** The secrets of one saved connection: its database password, its SSH password or key passphrase. */
export interface ConnectionSecrets {
  password?: string
  ssh?: string
}

/** File name inside the data directory. */
export const SECRETS_FILE = 'connection-secrets.json'

const fileSchema = z
  .object({
    version: z.literal(1),
    scheme: z.enum(['plain', 'safe-storage']),
    secrets: z.record(z.string(), z.object({ password: z.string().optional(), ssh: z.string().optional() }).strict()),
  })
  .strict()
type SecretsFile = z.infer<typeof fileSchema>

/**
 * Secrets by connection id, in their own 0600 file, encoded by the codec (OS keychain ciphertext on
 * the desktop, text in browser mode). Held decoded in main's memory only; nothing here is ever part
 * of a contract answer. A file whose secrets cannot be decoded (another keychain, another scheme)
 * is kept aside and reported like any unreadable state file.
 */
export class SecretStore {
  private readonly file: StateFile<Map<string, ConnectionSecrets>>

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

  get(id: string): ConnectionSecrets {
    return { ...this.file.value.get(id) }
  }

  ids(): string[] {
    return [...this.file.value.keys()]
  }

  /** Replaces every connection's secrets at once (callers run one write at a time). */
  async replace(next: Map<string, ConnectionSecrets>): Promise<void> {
    const compact = new Map([...next].filter(([, s]) => s.password !== undefined || s.ssh !== undefined))
    await this.file.replace(compact)
  }

  snapshot(): Map<string, ConnectionSecrets> {
    return new Map([...this.file.value].map(([id, secrets]) => [id, { ...secrets }]))
  }
}

function decodeFile(text: string, codec: SecretCodec): Map<string, ConnectionSecrets> {
  const parsed = fileSchema.safeParse(JSON.parse(text))
  if (!parsed.success) throw new ForeignContent(`unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  const decode = decoder(parsed.data.scheme, codec)
  const secrets = new Map<string, ConnectionSecrets>()
  for (const [id, stored] of Object.entries(parsed.data.secrets)) {
    secrets.set(id, {
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

function encodeFile(secrets: Map<string, ConnectionSecrets>, codec: SecretCodec): SecretsFile {
  const encoded: SecretsFile['secrets'] = {}
  for (const [id, { password, ssh }] of secrets) {
    encoded[id] = {
      ...(password !== undefined ? { password: codec.encode(password) } : {}),
      ...(ssh !== undefined ? { ssh: codec.encode(ssh) } : {}),
    }
  }
  return { version: 1, scheme: codec.scheme, secrets: encoded }
}
