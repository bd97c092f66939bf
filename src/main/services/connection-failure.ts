import { engineDescriptor } from '../../shared/contract'
import type { QuarryError } from '../../shared/contract'
import type { ConnectionOptions } from '../drivers/driver'

/** Socket errors any network driver can pass on, said the way a user would say what happened. */
const NETWORK_ERRORS: Record<string, (server: string) => string> = {
  ECONNREFUSED: (s) => `${s} refused the connection. Is the server running, and listening on that port?`,
  ENOTFOUND: (s) => `The host of ${s} was not found. Check the host name.`,
  EAI_AGAIN: (s) => `The host of ${s} could not be looked up (DNS did not answer). Try again, or check the name.`,
  ETIMEDOUT: (s) => `${s} did not answer in time. Check the host, the port and any firewall in between.`,
  EHOSTUNREACH: (s) => `${s} cannot be reached from this machine (no route to the host).`,
  ENETUNREACH: (s) => `${s} cannot be reached: this machine has no route to that network.`,
  ECONNRESET: (s) => `${s} closed the connection at once. It may expect TLS settings other than these.`,
}

/**
 * A failed connect in words a user acts on. Drivers already classify their errors; this only
 * rewrites bare socket errors (ECONNREFUSED…) to name the server, and keeps the code.
 */
export function explainConnectFailure(error: QuarryError, options: ConnectionOptions): QuarryError {
  if (engineDescriptor(options.engine)?.target !== 'server') return error
  // The SSH tunnel's errors already name the SSH server, not the database.
  if (error.code?.startsWith('SSH_')) return error
  const code = error.code && NETWORK_ERRORS[error.code] ? error.code : /\b(E[A-Z_]{4,})\b/.exec(error.message)?.[1]
  const explain = code ? NETWORK_ERRORS[code] : undefined
  if (!code || !explain) return error
  return {
    ...error,
    kind: error.kind === 'timeout' ? 'timeout' : 'connection',
    message: explain(serverName(options)),
    code,
  }
}

/** `The server at host:port`, IPv6 hosts in brackets. */
export function serverName(options: ConnectionOptions): string {
  const host = options.host?.includes(':') ? `[${options.host}]` : (options.host ?? '')
  return `The server at ${host}${options.port ? `:${options.port}` : ''}`
}
