import type { ConnectionOptions, Driver, DriverConnection } from '../../drivers/driver'

/** A driver connection, and the SSH host key its tunnel presented (when it has one). */
export interface TunneledConnection {
  connection: DriverConnection
  sshHostKey?: string
}

/**
 * Connects a driver, through an SSH tunnel when the options name one: the tunnel forwards a local
 * port to the server's host:port, and the driver connects to that port instead, keeping the real
 * host name for TLS verification. The tunnel closes with the connection (or when connecting fails).
 * Engine-agnostic: any server engine's options go through here.
 */
export async function connectThrough(driver: Driver, options: ConnectionOptions): Promise<TunneledConnection> {
  const { ssh, ...direct } = options
  if (!ssh) return { connection: await driver.connect(direct) }
  const host = options.host?.trim() || 'localhost'
  // ssh2 loads with the first tunnel (about 13 MB of main's memory otherwise).
  const { openSshTunnel } = await import('./ssh-tunnel')
  const tunnel = await openSshTunnel(ssh, { host, port: options.port ?? 0 })
  let connection: DriverConnection
  try {
    connection = await driver.connect({ ...direct, host: '127.0.0.1', port: tunnel.localPort, tlsServerName: host })
  } catch (error) {
    await tunnel.close()
    throw error
  }
  const closeConnection = connection.close.bind(connection)
  connection.close = async () => {
    try {
      await closeConnection()
    } finally {
      await tunnel.close()
    }
  }
  return { connection, sshHostKey: tunnel.hostKey }
}
