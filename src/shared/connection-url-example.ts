import { formatConnectionUrl } from './connection-url'
import { CONNECTABLE_ENGINES } from './contract/engine-catalog'
import type { ConnectableEngine } from './contract/engine-catalog'

/**
 * The URL field's example for an engine: its own scheme, default port and TLS parameter, written
 * by the same formatter that writes a profile's URL (so the example always parses). An engine
 * without URLs (a file engine) shows the schemes a pasted URL may start with instead.
 */
export function connectionUrlExample(engine: ConnectableEngine): string {
  const descriptor = CONNECTABLE_ENGINES.find((d) => d.id === engine)
  const url = formatConnectionUrl(
    {
      engine,
      host: 'host',
      port: descriptor?.defaultPort ?? undefined,
      user: 'user',
      database: 'database',
      // MongoDB's tls=true checks the certificate; its `require` would add tlsInsecure=true.
      ssl: { mode: descriptor?.urlStyle === 'tls' ? 'verify-full' : 'require' },
    },
    'password',
  )
  if (url) return url
  const schemes = CONNECTABLE_ENGINES.flatMap((d) => d.urlSchemes.slice(0, 1).map((scheme) => `${scheme}://…`))
  return `a server's URL: ${schemes.join(', ')}`
}
