import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo, Server, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { Client } from 'ssh2'
import type { ConnectConfig } from 'ssh2'
import { QuarryFailure } from '../../../shared/contract'
import type { SshAuth } from '../../../shared/contract'
import { hostKeyMismatch, SSH_ERROR_CODES, sshFailure, sshLabel } from './ssh-errors'

/** What main needs to open a tunnel: the profile's SSH settings with the secret added by main. */
export interface SshTunnelOptions {
  host: string
  port: number
  user: string
  auth: SshAuth
  keyFile?: string
  /** Password (auth 'password') or key passphrase (auth 'key'). */
  secret?: string
  /** Recorded host key (`SHA256:…`): anything else is refused. Absent: accepted and reported (first use). */
  hostKey?: string
  readyTimeoutMs: number
}

/** An open tunnel: connect to 127.0.0.1:localPort to reach the target through the SSH server. */
export interface SshTunnel {
  readonly localPort: number
  /** The host key the SSH server presented. */
  readonly hostKey: string
  close(): Promise<void>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const closeOf = (stream: Duplex) =>
  new Promise<void>((resolve) => (stream.destroyed ? resolve() : stream.once('close', () => resolve())))

/** OpenSSH's fingerprint format: SHA256 of the key blob, base64 without padding. */
export const fingerprint = (key: Buffer): string =>
  `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`

async function authConfig(options: SshTunnelOptions): Promise<ConnectConfig> {
  if (options.auth === 'password') return { password: options.secret ?? '' }
  if (options.auth === 'agent') {
    const agent = process.env['SSH_AUTH_SOCK']
    if (!agent) {
      throw new QuarryFailure({
        kind: 'invalid-input',
        code: SSH_ERROR_CODES.key,
        path: 'ssh.auth',
        message: 'No SSH agent is running for Quarry (SSH_AUTH_SOCK is not set)',
      })
    }
    return { agent }
  }
  let privateKey: Buffer
  try {
    privateKey = await readFile(options.keyFile ?? '')
  } catch (error) {
    const message = `Cannot read the SSH key file ${options.keyFile}: ${(error as Error).message}`
    throw new QuarryFailure({ kind: 'invalid-input', code: SSH_ERROR_CODES.key, path: 'ssh.keyFile', message })
  }
  return { privateKey, ...(options.secret ? { passphrase: options.secret } : {}) }
}

/** Connects and authenticates the SSH client; resolves with the presented host key. */
function handshake(client: Client, config: ConnectConfig, options: SshTunnelOptions, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let presented = ''
    let mismatch: QuarryFailure | null = null
    // The first outcome wins; the client's lasting 'error' listener (openSshTunnel) takes the rest.
    client.once('ready', () => resolve(presented))
    client.once('error', (error) => reject(mismatch ?? sshFailure(error, label)))
    client.once('close', () => reject(mismatch ?? sshFailure(new Error('the server closed the connection'), label)))
    try {
      client.connect({
        ...config,
        host: options.host,
        port: options.port,
        username: options.user,
        readyTimeout: options.readyTimeoutMs,
        keepaliveInterval: 15_000,
        hostVerifier: (key: Buffer) => {
          presented = fingerprint(key)
          if (options.hostKey && options.hostKey !== presented)
            mismatch = hostKeyMismatch(label, options.hostKey, presented)
          return mismatch === null
        },
      })
    } catch (error) {
      // ssh2 parses the private key synchronously: a wrong passphrase ends up here.
      reject(sshFailure(error, label))
    }
  })
}

/**
 * Opens an SSH connection and a local listener on 127.0.0.1 (a free port) that forwards every
 * socket to target host:port through it (direct-tcpip). Any server engine gets a tunnel by
 * connecting to 127.0.0.1:localPort instead of its host. The tunnel lives until close(), or until
 * the SSH connection ends, which also closes the listener.
 */
export async function openSshTunnel(
  options: SshTunnelOptions,
  target: { host: string; port: number },
): Promise<SshTunnel> {
  const label = sshLabel(options)
  const config = await authConfig(options)
  const client = new Client()
  // For the client's whole life, also after a failed handshake: ssh2 may report more than one
  // error (a timed-out handshake is followed by "Connection lost before handshake" once its
  // socket closes), and an 'error' event without a listener would end the process.
  client.on('error', () => undefined)
  let hostKey: string
  try {
    hostKey = await handshake(client, config, options, label)
  } catch (error) {
    client.destroy()
    throw error
  }
  const sockets = new Set<Socket>()
  const streams = new Set<Duplex>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    // A reset by the driver's side (or the channel's) just ends this pair; close handles the rest.
    socket.on('error', () => socket.destroy())
    socket.once('close', () => sockets.delete(socket))
    const forwarded = (error: Error | undefined, stream: Duplex) => {
      if (error) return socket.destroy()
      stream.on('error', () => stream.destroy())
      streams.add(stream)
      stream.once('close', () => streams.delete(stream))
      socket.pipe(stream).pipe(socket)
      stream.once('close', () => socket.destroy())
      socket.once('close', () => stream.destroy())
    }
    try {
      client.forwardOut('127.0.0.1', socket.remotePort ?? 0, target.host, target.port, forwarded)
    } catch {
      // ssh2 throws "Not connected" when the SSH connection is ending: this socket goes with it.
      socket.destroy()
    }
  })
  // A listener error after listen() (none is expected) must not end the process either.
  server.on('error', () => client.end())
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
  client.once('close', () => {
    server.close()
    for (const socket of sockets) socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    localPort: (server.address() as AddressInfo).port,
    hostKey,
    async close() {
      server.close()
      for (const socket of sockets) socket.destroy()
      // Channels close before the connection ends, so the SSH server sees an orderly goodbye.
      await Promise.race([Promise.all([...streams].map(closeOf)), sleep(1000)])
      client.end()
      await closed
    },
  }
}
