import { timingSafeEqual } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { connect as tcpConnect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Server, utils } from 'ssh2'
import type { ParsedKey } from 'ssh2'
import { fingerprint } from '../../src/main/services/ssh/ssh-tunnel'

export const SSH_USER = 'tunnel'
export const SSH_PASSWORD = 'ssh-test-password'
export const KEY_PASSPHRASE = 'key passphrase'

/** An in-process SSH server (real protocol, generated host key) that allows direct-tcpip forwarding. */
export interface TestSshServer {
  port: number
  /** The host key's fingerprint as OpenSSH prints it. */
  hostKey: string
  /** A private key file (encrypted with KEY_PASSPHRASE) the server accepts for SSH_USER. */
  keyFile: string
  /** Forwarded channels open right now (a tunnel that closed leaves none). */
  openChannels(): number
  /** SSH connections open right now. */
  openConnections(): number
  /** Every forward request, as host:port. */
  forwards: string[]
  close(): Promise<void>
}

const parse = (key: string, passphrase?: string): ParsedKey => {
  const parsed = utils.parseKey(key, passphrase)
  if (parsed instanceof Error) throw parsed
  return parsed
}

const clientKeys = () =>
  utils.generateKeyPairSync('ed25519', { passphrase: KEY_PASSPHRASE, cipher: 'aes256-ctr', rounds: 16 })

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)

/** Starts the server on 127.0.0.1 (a free port); writes the client's key file into `dir`. */
export async function startSshServer(dir: string): Promise<TestSshServer> {
  const host = utils.generateKeyPairSync('ed25519')
  // About 1 key in 300 that ssh2 generates has a public key its own parser refuses ("Malformed OpenSSH
  // public key": a 32-byte ed25519 key starting with a zero byte is written as 31 bytes): make another.
  let client = clientKeys()
  while (utils.parseKey(client.public) instanceof Error) client = clientKeys()
  const keyFile = join(dir, 'id_ed25519')
  await writeFile(keyFile, client.private, { mode: 0o600 })
  const allowedKey = parse(client.public)
  let channels = 0
  let connections = 0
  const forwards: string[] = []
  const server = new Server({ hostKeys: [host.private] }, (connection) => {
    connections++
    // A connection that ends takes its channels with it.
    const mine = new Set<{ close(): void }>()
    connection.once('close', () => {
      connections--
      channels -= mine.size
      mine.clear()
    })
    connection.on('error', () => undefined)
    connection.on('authentication', (ctx) => {
      if (ctx.username !== SSH_USER) return ctx.reject()
      if (ctx.method === 'password' && same(Buffer.from(ctx.password), Buffer.from(SSH_PASSWORD))) return ctx.accept()
      if (ctx.method === 'publickey' && same(ctx.key.data, allowedKey.getPublicSSH())) {
        if (!ctx.signature || !ctx.blob) return ctx.accept()
        if (allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.accept()
      }
      ctx.reject(['password', 'publickey'])
    })
    connection.on('ready', () => {
      connection.on('tcpip', (accept, reject, info) => {
        forwards.push(`${info.destIP}:${info.destPort}`)
        const upstream = tcpConnect(info.destPort, info.destIP)
        upstream.once('error', () => reject?.())
        upstream.once('connect', () => {
          const channel = accept()
          channels++
          mine.add(channel)
          channel.once('close', () => {
            if (mine.delete(channel)) channels--
            upstream.destroy()
          })
          upstream.once('close', () => channel.close())
          channel.pipe(upstream).pipe(channel)
        })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    hostKey: fingerprint(parse(host.private).getPublicSSH()),
    keyFile,
    openChannels: () => channels,
    openConnections: () => connections,
    forwards,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
