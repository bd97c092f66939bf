import { describe, expect, it } from 'vitest'
import { connectionUrlExample } from './connection-url-example'
import { parseConnectionUrl } from './connection-url'
import { CONNECTABLE_ENGINES } from './contract/engine-catalog'

describe('connectionUrlExample', () => {
  it('writes each server engine its own URL, which parses back to that engine', () => {
    for (const engine of CONNECTABLE_ENGINES.filter((d) => d.urlSchemes.length > 0)) {
      const example = connectionUrlExample(engine.id)
      expect(example.startsWith(`${engine.urlSchemes[0]}://user:password@host`)).toBe(true)
      const parsed = parseConnectionUrl(example)
      expect(parsed.ok && parsed.value.engine).toBe(engine.id)
      expect(parsed.ok && parsed.value.port).toBe(engine.defaultPort)
    }
  })

  it('spells each engine its TLS parameter', () => {
    expect(connectionUrlExample('postgres')).toBe('postgres://user:password@host:5432/database?sslmode=require')
    expect(connectionUrlExample('mysql')).toBe('mysql://user:password@host:3306/database?ssl-mode=REQUIRED')
    expect(connectionUrlExample('mongodb')).toBe('mongodb://user:password@host:27017/database?tls=true')
    expect(connectionUrlExample('mssql')).toMatch(/^sqlserver:\/\/user:password@host:1433\/database/)
  })

  it('names the schemes a URL may start with for a file engine', () => {
    expect(connectionUrlExample('sqlite')).toBe("a server's URL: postgres://…, mysql://…, mongodb://…, sqlserver://…")
  })
})
