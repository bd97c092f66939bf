import { describe, expect, it } from 'vitest'
import { connectionProfileSchema } from '../../../shared/contract'
import type { SavedConnection } from '../../../shared/contract'
import {
  defaultConnectionName,
  fieldOfErrorPath,
  fillFromUrl,
  formFromSaved,
  needsPasswordAgain,
  newConnectionForm,
  toProfile,
  typedPassword,
  typedSshSecret,
  withEngine,
} from './connection-form'
import { validateConnectionForm } from './connection-form-validation'
import type { ConnectionFormValues } from './connection-form'

const form = (patch: Partial<ConnectionFormValues> = {}): ConnectionFormValues => ({ ...newConnectionForm(), ...patch })

const saved: SavedConnection = {
  id: 'c1',
  hasPassword: true,
  hasSshSecret: false,
  profile: {
    name: 'Sales',
    engine: 'mysql',
    host: 'db',
    port: 3307,
    user: 'app',
    database: 'sales',
    ssl: { mode: 'verify-ca', caFile: '/ca.pem' },
    connectTimeoutMs: 20_000,
  },
}

describe('connection form model', () => {
  it('starts a new form with the engine’s default port, TLS mode and timeout', () => {
    expect(newConnectionForm()).toMatchObject({
      engine: 'postgres',
      host: 'localhost',
      port: '5432',
      sslMode: 'prefer',
    })
    expect(newConnectionForm('mysql').port).toBe('3306')
    expect(newConnectionForm().timeoutSeconds).toBe('10')
  })

  it('moves a default port along when the engine changes, and keeps a port the user chose', () => {
    expect(withEngine(form(), 'mysql').port).toBe('3306')
    expect(withEngine(form({ port: '' }), 'mysql').port).toBe('3306')
    expect(withEngine(form({ port: '6000' }), 'mysql').port).toBe('6000')
  })

  it('names a connection user@host/db by default, leaving out what is empty', () => {
    expect(defaultConnectionName(form({ user: 'app', host: 'db', database: 'sales' }))).toBe('app@db/sales')
    expect(defaultConnectionName(form({ user: '', host: 'db', database: '' }))).toBe('db')
    expect(defaultConnectionName(form({ host: '' }))).toBe('')
    expect(defaultConnectionName(form({ engine: 'sqlite', file: 'C:\\data\\shop.db' }))).toBe('shop.db')
    expect(toProfile(form({ user: 'app', host: 'db' })).name).toBe('app@db')
    expect(toProfile(form({ name: '  Mine  ' })).name).toBe('Mine')
  })

  it('turns the form into a profile main accepts, with only the engine’s fields', () => {
    const profile = toProfile(form({ host: ' db ', port: '6543', user: 'app', caFile: '', timeoutSeconds: '30' }))
    expect(profile).toEqual({
      name: 'app@db',
      engine: 'postgres',
      host: 'db',
      port: 6543,
      user: 'app',
      ssl: { mode: 'prefer' },
      connectTimeoutMs: 30_000,
    })
    expect(connectionProfileSchema.safeParse(profile).success).toBe(true)
    const file = toProfile(form({ engine: 'sqlite', file: '/data/x.db', readOnly: true, user: 'ignored' }))
    expect(file).toEqual({ name: 'x.db', engine: 'sqlite', file: '/data/x.db', readOnly: true })
    expect(connectionProfileSchema.safeParse(file).success).toBe(true)
  })

  it('round-trips a saved profile through the form', () => {
    const values = formFromSaved(saved)
    expect(values).toMatchObject({
      engine: 'mysql',
      port: '3307',
      password: '',
      sslMode: 'verify-ca',
      timeoutSeconds: '20',
    })
    expect(toProfile(values)).toEqual(saved.profile)
  })

  it('keeps a chosen colour, and adds none the user did not choose', () => {
    expect(formFromSaved(saved).color).toBeNull()
    const teal = { ...saved, profile: { ...saved.profile, color: 'teal' as const } }
    expect(toProfile(formFromSaved(teal))).toEqual(teal.profile)
    expect(toProfile({ ...formFromSaved(saved), color: 'pink' }).color).toBe('pink')
  })

  it.each<[string, Partial<ConnectionFormValues>, keyof ConnectionFormValues, RegExp]>([
    ['no host', { host: ' ' }, 'host', /Enter a host/],
    ['host with spaces', { host: 'a b' }, 'host', /no spaces/],
    ['port text', { port: 'abc' }, 'port', /1 to 65535/],
    ['port zero', { port: '0' }, 'port', /1 to 65535/],
    ['port too big', { port: '70000' }, 'port', /1 to 65535/],
    ['timeout text', { timeoutSeconds: 'soon' }, 'timeoutSeconds', /Whole seconds from 1 to 300/],
    ['timeout too long', { timeoutSeconds: '301' }, 'timeoutSeconds', /1 to 300/],
    ['long name', { name: 'n'.repeat(201) }, 'name', /At most 200/],
    ['control chars', { user: 'a\u0007' }, 'user', /control characters/],
    ['no file', { engine: 'sqlite', file: '' }, 'file', /path of the database file/],
  ])('reports %s on its field', (_name, patch, field, message) => {
    expect(validateConnectionForm(form(patch))[field]).toMatch(message)
  })

  it('accepts a valid form, and an empty port (the default)', () => {
    expect(validateConnectionForm(form())).toEqual({})
    expect(validateConnectionForm(form({ port: '' }))).toEqual({})
  })

  it('fills the form from a URL, keeping the name and resetting what the URL does not say', () => {
    const filled = fillFromUrl(
      form({ name: 'Kept', user: 'old', caFile: '/old.pem' }),
      'mariadb://root:pw@[::1]/shop?ssl-mode=REQUIRED&foo=1',
    )
    expect(filled).toMatchObject({
      ok: true,
      values: {
        name: 'Kept',
        engine: 'mysql',
        host: '::1',
        port: '3306',
        user: 'root',
        password: 'pw',
        database: 'shop',
        sslMode: 'require',
        caFile: '',
      },
      warnings: ['not used by Quarry: foo'],
    })
  })

  it('reports a bad URL without touching the form', () => {
    expect(fillFromUrl(form(), 'ftp://x')).toEqual({ ok: false, error: expect.stringMatching(/Unsupported scheme/) })
    expect(fillFromUrl(form(), 'postgres://h:99999')).toMatchObject({ ok: false })
  })

  it('sends a password only when one was typed', () => {
    expect(typedPassword(form({ password: '' }))).toEqual({})
    expect(typedPassword(form({ password: 's' }))).toEqual({ password: 's' })
  })

  it('asks for the password again only when the server changes', () => {
    const values = formFromSaved(saved)
    expect(needsPasswordAgain(saved, values)).toBe(false)
    expect(needsPasswordAgain(saved, { ...values, database: 'other', name: 'x' })).toBe(false)
    expect(needsPasswordAgain(saved, { ...values, host: 'elsewhere' })).toBe(true)
    expect(needsPasswordAgain(saved, { ...values, host: 'elsewhere', password: 'new' })).toBe(false)
    expect(needsPasswordAgain({ ...saved, hasPassword: false }, { ...values, host: 'elsewhere' })).toBe(false)
    expect(needsPasswordAgain(null, values)).toBe(false)
  })

  it('maps main’s error paths to fields', () => {
    expect(fieldOfErrorPath('profile.ssl.caFile')).toBe('caFile')
    expect(fieldOfErrorPath('profile.connectTimeoutMs')).toBe('timeoutSeconds')
    expect(fieldOfErrorPath('password')).toBe('password')
    expect(fieldOfErrorPath('nonsense')).toBeNull()
    expect(fieldOfErrorPath(undefined)).toBeNull()
  })
})

describe('SSH tunnel, safe mode', () => {
  it('puts the tunnel in the profile only when enabled, the key file only for key auth, never a secret', () => {
    const values = form({
      host: 'db.internal',
      sshEnabled: true,
      sshHost: 'bastion',
      sshPort: '2222',
      sshUser: 'me',
      sshAuth: 'key',
      sshKeyFile: '/k',
      sshSecret: 'passphrase',
      safeMode: true,
    })
    const profile = toProfile(values)
    expect(profile).toMatchObject({
      safeMode: true,
      ssh: { host: 'bastion', port: 2222, user: 'me', auth: 'key', keyFile: '/k' },
    })
    expect(JSON.stringify(profile)).not.toContain('passphrase')
    expect(typedSshSecret(values)).toEqual({ sshSecret: 'passphrase' })
    expect(typedSshSecret({ ...values, sshAuth: 'agent' })).toEqual({})
    expect(toProfile({ ...values, sshEnabled: false }).ssh).toBeUndefined()
    expect(toProfile({ ...values, sshAuth: 'password', sshPort: '22' }).ssh).toEqual({
      host: 'bastion',
      user: 'me',
      auth: 'password',
    })
  })

  it('round-trips a saved tunnel through the form, host key included', () => {
    const ssh = { host: 'b', user: 'u', auth: 'agent' as const, hostKey: `SHA256:${'x'.repeat(43)}` }
    const values = formFromSaved({ ...saved, profile: { ...saved.profile, ssh } })
    expect(values).toMatchObject({
      sshEnabled: true,
      sshHost: 'b',
      sshUser: 'u',
      sshAuth: 'agent',
      sshHostKey: ssh.hostKey,
    })
    expect(toProfile(values).ssh).toEqual(ssh)
  })

  it('asks for the SSH host, user and key file when the tunnel is on', () => {
    const errors = validateConnectionForm(form({ host: 'h', sshEnabled: true, sshAuth: 'key' }))
    expect(Object.keys(errors).sort()).toEqual(['sshHost', 'sshKeyFile', 'sshUser'])
  })
})

describe('MongoDB in the connection form', () => {
  it('fills auth database, SRV and TLS from a URL and saves them in the profile', () => {
    const filled = fillFromUrl(newConnectionForm(), 'mongodb+srv://ada@cluster0.example.net/shop?authSource=admin')
    if (!filled.ok) throw new Error(filled.error)
    expect(filled.values).toMatchObject({
      engine: 'mongodb',
      srv: true,
      port: '',
      authDatabase: 'admin',
      sslMode: 'verify-full',
    })
    const profile = toProfile(filled.values)
    expect(profile).toMatchObject({
      engine: 'mongodb',
      host: 'cluster0.example.net',
      srv: true,
      authDatabase: 'admin',
      database: 'shop',
    })
    expect(profile.port).toBeUndefined()
    expect(connectionProfileSchema.safeParse(profile).success).toBe(true)
    // Saved and edited again, the form shows the same.
    expect(formFromSaved({ id: 'x', profile, hasPassword: false, hasSshSecret: false })).toMatchObject({
      srv: true,
      port: '',
      authDatabase: 'admin',
    })
  })

  it('keeps MongoDB-only fields out of other engines’ profiles, and refuses an SRV name with a port', () => {
    const postgres = toProfile({ ...newConnectionForm('postgres'), host: 'h', authDatabase: 'admin', srv: true })
    expect(postgres).not.toHaveProperty('authDatabase')
    expect(postgres).not.toHaveProperty('srv')
    const bad = connectionProfileSchema.safeParse({
      name: 'm',
      engine: 'mongodb',
      host: 'c.example.net',
      srv: true,
      port: 27017,
    })
    expect(bad.success).toBe(false)
    expect(connectionProfileSchema.safeParse({ name: 'p', engine: 'postgres', host: 'h', srv: true }).success).toBe(
      false,
    )
  })
})
