/** Which server family answers: they share the protocol but differ in catalogs and error numbers. */
export type ServerFlavor = 'mariadb' | 'mysql'

/** What the driver knows about the server it talks to, read once when connecting. */
export interface ServerProfile {
  flavor: ServerFlavor
  /** VERSION() as the server reports it, e.g. `10.11.19-MariaDB-0+deb12u1` or `8.4.3`. */
  version: string
  /** Bytes per character of each collation id, to turn result column lengths into declared lengths. */
  maxBytesPerChar: ReadonlyMap<number, number>
}

/** MariaDB says so in VERSION(); MySQL never does. */
export const flavorOf = (version: string): ServerFlavor => (/mariadb/i.test(version) ? 'mariadb' : 'mysql')
