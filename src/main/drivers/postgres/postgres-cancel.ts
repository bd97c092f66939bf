import { connect } from 'node:net'
import type { PgTarget } from './postgres-options'

/** CancelRequest's request code (1234 << 16 | 5678). */
const CANCEL_REQUEST_CODE = 80_877_102

/** How long the postmaster may take to take the request and close the socket. */
export const CANCEL_REQUEST_TIMEOUT_MS = 5_000

/** The identity of one backend, from its BackendKeyData. */
export interface BackendKey {
  processId: number
  secretKey: number
}

/**
 * Asks the server to cancel whatever statement the backend is running: the protocol's
 * CancelRequest on a fresh socket (never TLS: the postmaster reads it before any negotiation, as
 * libpq sends it). The session itself is untouched. Resolves when the postmaster closes the
 * socket, which it does after signalling the backend, so a caller that waits for this knows the
 * signal is on its way. A backend that is idle when it arrives ignores it.
 */
export function sendCancelRequest(target: PgTarget, key: BackendKey): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = target.host.startsWith('/')
      ? connect(`${target.host}/.s.PGSQL.${target.port}`)
      : connect(target.port, target.host)
    const packet = Buffer.alloc(16)
    packet.writeInt32BE(16, 0)
    packet.writeInt32BE(CANCEL_REQUEST_CODE, 4)
    packet.writeInt32BE(key.processId, 8)
    packet.writeInt32BE(key.secretKey, 12)
    const timer = setTimeout(
      () => socket.destroy(new Error('The server did not take the cancel request')),
      CANCEL_REQUEST_TIMEOUT_MS,
    )
    socket.setNoDelay(true)
    socket.once('connect', () => socket.end(packet))
    socket.on('data', () => {}) // the postmaster answers nothing; keep the socket flowing until it closes
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.once('close', (hadError) => {
      clearTimeout(timer)
      if (!hadError) resolve()
    })
  })
}
