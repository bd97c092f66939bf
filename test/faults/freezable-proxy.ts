import { connect, createServer } from 'node:net'
import type { Socket } from 'node:net'

/** A TCP proxy that can stop forwarding, as a server stopped with SIGSTOP looks to its clients. */
export interface FreezableProxy {
  port: number
  /** Stops delivering bytes both ways; sockets stay open, new connections are accepted and kept waiting. */
  freeze(): void
  /** Delivers bytes again, what waited first. */
  thaw(): void
  /** Client connections accepted so far. */
  accepted(): number
  /** Client connections the client side closed so far. */
  closedByClient(): number
  close(): Promise<void>
}

/** Starts a proxy on 127.0.0.1 (a free port) to host:port. */
export async function freezableProxy(host: string, port: number): Promise<FreezableProxy> {
  const pairs = new Set<[Socket, Socket]>()
  /** Bytes held while frozen, with the socket each is for, in order. */
  const held: Array<[Socket, Buffer]> = []
  let frozen = false
  let accepted = 0
  let closedByClient = 0
  // Bytes are still read while frozen (so a client closing its socket is seen) but held back.
  const forward = (to: Socket, chunk: Buffer) => (frozen ? held.push([to, chunk]) : to.write(chunk))
  const server = createServer((client) => {
    accepted++
    const upstream = connect(port, host)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    client.on('data', (chunk) => forward(upstream, chunk))
    upstream.on('data', (chunk) => forward(client, chunk))
    client.on('close', () => {
      closedByClient++
      pairs.delete(pair)
      upstream.destroy()
    })
    upstream.on('close', () => client.destroy())
    client.on('error', () => client.destroy())
    upstream.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze() {
      frozen = true
    },
    thaw() {
      frozen = false
      for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk)
    },
    accepted: () => accepted,
    closedByClient: () => closedByClient,
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
