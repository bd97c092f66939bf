import { describe, expect, it } from 'vitest'
import { MAX_CONNECTION_URL_LENGTH, formatConnectionUrl, parseConnectionUrl } from './connection-url'
import type { UrlProfile } from './connection-url'

const ok = (url: string) => {
  const result = parseConnectionUrl(url)
  if (!result.ok) throw new Error(`expected ${url} to parse: ${result.error}`)
  return result.value
}
const error = (input: unknown): string => {
  const result = parseConnectionUrl(input)
  if (result.ok) throw new Error(`expected ${String(input).slice(0, 60)} to fail`)
  return result.error
}

describe('parseConnectionUrl: valid URLs', () => {
  it('reads every part of a PostgreSQL URL', () => {
    expect(ok('postgres://alice:s3cret@db.example.com:6543/sales?sslmode=verify-full')).toEqual({
      engine: 'postgres',
      host: 'db.example.com',
      port: 6543,
      user: 'alice',
      password: 's3cret',
      database: 'sales',
      ssl: { mode: 'verify-full' },
      warnings: [],
    })
  })

  it.each([
    ['postgresql://h', 'postgres'],
    ['POSTGRES://h', 'postgres'],
    ['mysql://h', 'mysql'],
    ['mariadb://h', 'mysql'],
  ])('maps the scheme of %s to %s', (url, engine) => {
    expect(ok(url).engine).toBe(engine)
  })

  it('leaves out what the URL does not say', () => {
    expect(ok('mysql://localhost')).toEqual({ engine: 'mysql', host: 'localhost', warnings: [] })
    expect(ok('postgres:///app')).toEqual({ engine: 'postgres', database: 'app', warnings: [] })
  })

  it('percent-decodes user, password, host and database', () => {
    const url = ok('postgres://us%40er:p%3Aa%2Fs%23s%20w@%2Fvar%2Frun%2Fpostgresql/my%20db')
    expect(url).toMatchObject({ user: 'us@er', password: 'p:a/s#s w', host: '/var/run/postgresql', database: 'my db' })
  })

  it('keeps a bare @ or : inside the password', () => {
    expect(ok('mysql://root:p@ss:w0rd@127.0.0.1/x')).toMatchObject({ user: 'root', password: 'p@ss:w0rd' })
  })

  it('distinguishes an empty password from none', () => {
    expect(ok('mysql://root:@h').password).toBe('')
    expect(ok('mysql://root@h').password).toBeUndefined()
  })

  it('reads IPv6 hosts in brackets, with port and zone id', () => {
    expect(ok('postgres://[::1]:5433/db')).toMatchObject({ host: '::1', port: 5433, database: 'db' })
    expect(ok('postgres://u@[2001:db8::42]')).toMatchObject({ host: '2001:db8::42', user: 'u' })
    expect(ok('postgres://[fe80::1%25eth0]:5432')).toMatchObject({ host: 'fe80::1%eth0', port: 5432 })
  })

  it.each([
    ['postgres://h?sslmode=disable', 'disable'],
    ['postgres://h?sslmode=require', 'require'],
    ['postgres://h?sslmode=verify-ca', 'verify-ca'],
    ['mysql://h?ssl-mode=DISABLED', 'disable'],
    ['mysql://h?ssl-mode=PREFERRED', 'prefer'],
    ['mysql://h?ssl-mode=REQUIRED', 'require'],
    ['mysql://h?ssl-mode=VERIFY_CA', 'verify-ca'],
    ['mysql://h?ssl-mode=VERIFY_IDENTITY', 'verify-full'],
    ['mysql://h?ssl=true', 'require'],
    ['postgres://h?ssl=0', 'disable'],
  ])('reads the TLS mode of %s', (url, mode) => {
    expect(ok(url).ssl?.mode).toBe(mode)
  })

  it('reads the CA file and the connect timeout in each engine’s unit', () => {
    expect(ok('postgres://h?sslrootcert=%2Fetc%2Fca.pem&connect_timeout=7')).toMatchObject({
      ssl: { mode: 'prefer', caFile: '/etc/ca.pem' },
      connectTimeoutMs: 7000,
    })
    expect(ok('mysql://h?ssl-ca=/etc/ca.pem&ssl-mode=verify_ca&connect-timeout=2500')).toMatchObject({
      ssl: { mode: 'verify-ca', caFile: '/etc/ca.pem' },
      connectTimeoutMs: 2500,
    })
  })

  it('lets parameters name the user, password, host, port and database, as libpq does', () => {
    expect(ok('postgres://?host=h&port=6000&user=u&password=p&dbname=d')).toMatchObject({
      host: 'h',
      port: 6000,
      user: 'u',
      password: 'p',
      database: 'd',
    })
  })

  it('warns about what it ignores or approximates', () => {
    const url = ok('postgres://h/d?application_name=x&sslmode=allow&connect_timeout=0&sslcert=c#frag')
    expect(url.ssl?.mode).toBe('prefer')
    expect(url.connectTimeoutMs).toBeUndefined()
    expect(url.warnings.join(' | ')).toMatch(/allow.*prefer.*no limit.*not used by Quarry: application_name, sslcert/)
  })

  it('limits an extreme timeout to the allowed range', () => {
    expect(ok('postgres://h?connect_timeout=99999').connectTimeoutMs).toBe(300_000)
  })
})

describe('parseConnectionUrl: bad and hostile input gives a message, never a throw', () => {
  it.each([
    ['not text', 42, /must be text/],
    ['null', null, /must be text/],
    ['empty', '   ', /Paste a connection URL/],
    ['garbage', 'hello world', /spaces/],
    ['no scheme', 'localhost:5432/db', /Not a connection URL/],
    ['unknown scheme', 'redis://h/db', /Unsupported scheme "redis:\/\/"/],
    ['http', 'https://example.com', /Unsupported scheme/],
    ['port not a number', 'postgres://h:abc/db', /Bad port "abc"/],
    ['port zero', 'postgres://h:0', /Bad port/],
    ['port too big', 'postgres://h:65536', /from 1 to 65535/],
    ['negative port', 'postgres://h:-1', /Bad port/],
    ['param port', 'postgres://h?port=99999999', /Bad port/],
    ['bad escape user', 'postgres://%E0%A4%A@h', /percent-encoding in the user/],
    ['bad escape password', 'postgres://u:%zz@h', /percent-encoding in the password/],
    ['bad escape db', 'postgres://h/%', /percent-encoding in the database/],
    ['bad escape param', 'postgres://h?sslmode=%G1', /percent-encoding in the URL parameters/],
    ['unclosed IPv6', 'postgres://[::1/db', /end with "]"/],
    ['bare IPv6', 'postgres://::1:5432', /brackets/],
    ['not IPv6', 'postgres://[evil.com]:1', /not an IPv6 address/],
    ['junk after IPv6', 'postgres://[::1]x', /Expected ":port"/],
    ['several hosts', 'postgres://a:1,b:2/db', /Several hosts/],
    ['path with slash', 'postgres://h/a/b', /Unexpected "\/"/],
    ['bad ssl mode', 'postgres://h?sslmode=always', /Unknown SSL mode "always"/],
    ['bad timeout', 'postgres://h?connect_timeout=soon', /Bad connect timeout/],
    ['control characters', 'postgres://h/\u0000db', /spaces/],
    ['too many params', `postgres://h?${'a=1&'.repeat(100)}`, /Too many URL parameters/],
  ])('%s', (_name, input, message) => {
    expect(error(input)).toMatch(message)
  })

  it('refuses a huge string at once', () => {
    const huge = `postgres://${'a'.repeat(10_000_000)}`
    const started = performance.now()
    expect(error(huge)).toMatch(`at most ${MAX_CONNECTION_URL_LENGTH}`)
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('cuts long hostile fragments in its messages', () => {
    expect(error(`postgres://h:${'9'.repeat(500)}`).length).toBeLessThan(120)
    // The message lists every supported scheme, then the cut fragment.
    expect(error(`${'x'.repeat(500)}://h`).length).toBeLessThan(220)
  })

  it('never throws on random input', () => {
    const alphabet = 'postgresmysql:/@[]?&=%#,.0123456789abcdefXYZ-_ \u0000é'
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let i = 0; i < 3000; i++) {
      const length = next() % 60
      let text = i % 2 ? 'postgres://' : ''
      for (let j = 0; j < length; j++) text += alphabet[next() % alphabet.length]
      const result = parseConnectionUrl(text)
      expect(typeof result.ok).toBe('boolean')
    }
  })
})

describe('formatConnectionUrl', () => {
  it('writes a PostgreSQL URL, leaving defaults out and never a password unless given', () => {
    const profile: UrlProfile = { engine: 'postgres', host: 'db', port: 5432, user: 'alice', database: 'sales' }
    expect(formatConnectionUrl(profile)).toBe('postgres://alice@db:5432/sales')
    expect(formatConnectionUrl({ ...profile, ssl: { mode: 'prefer' }, connectTimeoutMs: 10_000 })).toBe(
      'postgres://alice@db:5432/sales',
    )
    expect(formatConnectionUrl(profile, 'p@ss')).toBe('postgres://alice:p%40ss@db:5432/sales')
  })

  it('writes each engine’s TLS and timeout spelling', () => {
    const ssl = { mode: 'verify-full' as const, caFile: '/etc/ca.pem' }
    expect(formatConnectionUrl({ engine: 'postgres', host: 'h', ssl, connectTimeoutMs: 2500 })).toBe(
      'postgres://h?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=3',
    )
    expect(formatConnectionUrl({ engine: 'mysql', host: 'h', ssl, connectTimeoutMs: 2500 })).toBe(
      'mysql://h?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fca.pem&connect-timeout=2500',
    )
  })

  it('brackets IPv6 hosts and has no URL for file engines', () => {
    expect(formatConnectionUrl({ engine: 'mysql', host: 'fe80::1%eth0', port: 3307 })).toBe(
      'mysql://[fe80::1%25eth0]:3307',
    )
    expect(formatConnectionUrl({ engine: 'sqlite' })).toBeNull()
  })

  it.each<[UrlProfile, string | undefined]>([
    [{ engine: 'postgres', host: 'db.internal', port: 6432, user: 'r/o user', database: 'a b?c' }, 'p:w@d/#?'],
    [{ engine: 'mysql', host: '::1', user: 'root', ssl: { mode: 'require' }, connectTimeoutMs: 30_000 }, undefined],
    [{ engine: 'postgres', host: '/tmp', database: 'é', ssl: { mode: 'verify-ca', caFile: 'C:\\ca.pem' } }, ''],
  ])('round-trips through parse: %j', (profile, password) => {
    const url = formatConnectionUrl(profile, password)!
    const { warnings, ...parsed } = ok(url)
    expect(warnings).toEqual([])
    expect(parsed).toEqual({ ...profile, ...(password ? { password } : {}) })
  })
})

describe('parseConnectionUrl: MongoDB', () => {
  it('reads mongodb:// with auth database, TLS and timeout', () => {
    expect(
      ok(
        'mongodb://ada:s%40cret@db.example.com:27018/shop?authSource=admin&tls=true&tlsCAFile=%2Fca.pem&connectTimeoutMS=5000',
      ),
    ).toEqual({
      engine: 'mongodb',
      host: 'db.example.com',
      port: 27018,
      user: 'ada',
      password: 's@cret',
      database: 'shop',
      authDatabase: 'admin',
      ssl: { mode: 'verify-full', caFile: '/ca.pem' },
      connectTimeoutMs: 5000,
      warnings: [],
    })
  })

  it('reads mongodb+srv:// as an SRV host with TLS, and refuses a port there', () => {
    expect(ok('mongodb+srv://u@cluster0.example.net/?retryWrites=true')).toMatchObject({
      engine: 'mongodb',
      srv: true,
      host: 'cluster0.example.net',
      ssl: { mode: 'verify-full' },
      warnings: ['not used by Quarry: retryWrites'],
    })
    expect(error('mongodb+srv://cluster0.example.net:27017/')).toMatch(/names no port/)
    expect(ok('mongodb://h/?tls=true&tlsAllowInvalidCertificates=true').ssl).toEqual({ mode: 'require' })
    expect(error('mongodb://a:1,b:2/')).toMatch(/Several hosts/)
  })

  it('writes a MongoDB profile back as a URL that reads the same', () => {
    const profile: UrlProfile = {
      engine: 'mongodb',
      host: 'db',
      port: 27018,
      user: 'ada',
      database: 'shop',
      authDatabase: 'admin',
      ssl: { mode: 'require' },
    }
    const url = formatConnectionUrl(profile)!
    expect(url).toBe('mongodb://ada@db:27018/shop?authSource=admin&tls=true&tlsInsecure=true')
    expect(ok(url)).toMatchObject({ host: 'db', port: 27018, authDatabase: 'admin', ssl: { mode: 'require' } })
    expect(formatConnectionUrl({ engine: 'mongodb', host: 'c.example.net', srv: true })).toBe(
      'mongodb+srv://c.example.net',
    )
  })
})
