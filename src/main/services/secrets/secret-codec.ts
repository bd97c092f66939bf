import type { SecretStorageKind } from '../../../shared/contract'

/** How secrets are written to disk: 'plain' text (in a 0600 file) or 'safe-storage' ciphertext (base64). */
export type SecretScheme = 'plain' | 'safe-storage'

/** Turns a secret into what is written to disk and back. Decoding happens in main only. */
export interface SecretCodec {
  readonly scheme: SecretScheme
  /** What the UI says about where secrets are kept. */
  readonly kind: SecretStorageKind
  readonly detail: string
  encode(secret: string): string
  decode(stored: string): string
}

/** Secrets as text, protected by the file's mode (0600): browser mode, or a desktop without a keychain. */
export const plainCodec = (detail: string): SecretCodec => ({
  scheme: 'plain',
  kind: 'private-file',
  detail,
  encode: (secret) => secret,
  decode: (stored) => stored,
})
