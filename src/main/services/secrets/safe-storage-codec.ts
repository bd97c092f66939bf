import { plainCodec } from './secret-codec'
import type { SecretCodec } from './secret-codec'

/** The slice of Electron's `safeStorage` Quarry uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: which secret store backs the key ('basic_text' means a hard-coded key). */
  getSelectedStorageBackend?(): string
}

const PLAIN_FALLBACK = 'not encrypted: kept in connection-secrets.json, readable only by you (mode 0600)'

/**
 * The desktop's codec: secrets encrypted by the OS keychain through safeStorage, written as base64
 * ciphertext; the key stays in the keychain, never beside the file. Where no keychain is available
 * (or Linux's 'basic_text' backend, whose key is hard-coded), secrets fall back to the 0600 file and
 * the codec's detail says so, shown in the connection dialog: never a silent downgrade.
 */
export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  if (!safeStorage.isEncryptionAvailable()) {
    return plainCodec(`The OS keychain is not available to Quarry, so saved passwords are ${PLAIN_FALLBACK}`)
  }
  const backend = safeStorage.getSelectedStorageBackend?.()
  if (backend === 'basic_text' || backend === 'unknown') {
    return plainCodec(
      `No OS keychain was found (Electron's ${backend} backend), so saved passwords are ${PLAIN_FALLBACK}`,
    )
  }
  return {
    scheme: 'safe-storage',
    kind: 'os-keychain',
    detail: `Saved passwords are encrypted by the OS keychain${backend ? ` (${backend})` : ''}`,
    encode: (secret) => safeStorage.encryptString(secret).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  }
}
