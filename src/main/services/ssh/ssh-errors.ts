import { QuarryFailure } from '../../../shared/contract'
import type { QuarryError } from '../../../shared/contract'

/** Codes of the tunnel's own errors, for the UI and the tests. */
export const SSH_ERROR_CODES = {
  auth: 'SSH_AUTH_FAILED',
  unreachable: 'SSH_UNREACHABLE',
  timeout: 'SSH_TIMEOUT',
  hostKey: 'SSH_HOST_KEY_MISMATCH',
  key: 'SSH_BAD_KEY',
  forward: 'SSH_FORWARD_FAILED',
} as const

/** The tunnel's target in words: `user@host:port`. */
export const sshLabel = (ssh: { user: string; host: string; port: number }): string =>
  `${ssh.user}@${ssh.host.includes(':') ? `[${ssh.host}]` : ssh.host}:${ssh.port}`

const fail = (kind: QuarryError['kind'], code: string, message: string) => new QuarryFailure({ kind, code, message })

/** Maps what ssh2 (or its socket) threw while opening a tunnel into a typed, worded error. */
export function sshFailure(error: unknown, label: string): QuarryFailure {
  if (error instanceof QuarryFailure) return error
  const { level, code, message = String(error) } = error as { level?: string; code?: string; message?: string }
  if (level === 'client-authentication') {
    return fail(
      'permission',
      SSH_ERROR_CODES.auth,
      `SSH authentication failed for ${label}: the server refused these credentials`,
    )
  }
  if (level === 'agent')
    return fail('permission', SSH_ERROR_CODES.auth, `The SSH agent could not sign in to ${label}: ${message}`)
  if (level === 'client-timeout') {
    return fail('timeout', SSH_ERROR_CODES.timeout, `The SSH server ${label} did not complete the handshake in time`)
  }
  if (level === 'client-socket' || level === 'client-dns' || code) {
    const why = code ?? message
    return fail('connection', SSH_ERROR_CODES.unreachable, `Cannot reach the SSH server ${label} (${why})`)
  }
  if (/parse privateKey|passphrase/i.test(message)) {
    return fail(
      'invalid-input',
      SSH_ERROR_CODES.key,
      `The SSH private key could not be used: wrong or missing passphrase, or not a key (${message})`,
    )
  }
  return fail('connection', SSH_ERROR_CODES.unreachable, `SSH tunnel to ${label} failed: ${message}`)
}

export const hostKeyMismatch = (label: string, expected: string, presented: string): QuarryFailure =>
  fail(
    'connection',
    SSH_ERROR_CODES.hostKey,
    `The SSH server ${label} presented host key ${presented}, but ${expected} was recorded for it. ` +
      'It may be impersonated; if its key really changed, clear the recorded key in the connection dialog.',
  )
