import { describe, expect, it } from 'vitest'
import { formatConnectionUrl, parseConnectionUrl } from './connection-url'

const parsed = (url: string) => {
  const result = parseConnectionUrl(url)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('SQL Server connection URLs', () => {
  it('reads URL style with encrypt and trustServerCertificate', () => {
    expect(parsed('mssql://sa:p%40ss@db.example.com:14330/shop?encrypt=strict&trustServerCertificate=true')).toEqual({
      engine: 'mssql',
      host: 'db.example.com',
      port: 14330,
      user: 'sa',
      password: 'p@ss',
      database: 'shop',
      mssql: { encrypt: 'strict', trustServerCertificate: true },
      warnings: [],
    })
  })

  it('reads JDBC style, braces and all', () => {
    const url = 'sqlserver://srv\\SQLEXPRESS;databaseName=Sales;user=app;password={a;b=c};encrypt=false;loginTimeout=5'
    expect(parsed(url)).toEqual({
      engine: 'mssql',
      host: 'srv',
      user: 'app',
      password: 'a;b=c',
      database: 'Sales',
      connectTimeoutMs: 5000,
      mssql: { instance: 'SQLEXPRESS', encrypt: 'optional' },
      warnings: [],
    })
  })

  it('finds the instance as host\\instance, %5C, ?instanceName= or node-mssql host/instance/db', () => {
    expect(parsed('sqlserver://h\\INST:1500').mssql).toEqual({ instance: 'INST' })
    expect(parsed('sqlserver://h\\INST:1500').port).toBe(1500)
    expect(parsed('mssql://u@h%5Cinst/db').mssql?.instance).toBe('inst')
    expect(parsed('mssql://u@h/db?instanceName=Named').mssql?.instance).toBe('Named')
    const node = parsed('mssql://u:p@localhost/SQLEXPRESS/app')
    expect([node.mssql?.instance, node.database]).toEqual(['SQLEXPRESS', 'app'])
    expect(parsed('sqlserver://h,1533/db').port).toBe(1533)
  })

  it('refuses bad settings with a clear message, never a throw', () => {
    const errors = [
      'mssql://h?encrypt=maybe',
      'mssql://h?trustServerCertificate=perhaps',
      'sqlserver://h\\bad%20name',
      'sqlserver://h;encrypt=sometimes',
      'mssql://h\\%zz',
    ].map((url) => parseConnectionUrl(url))
    for (const result of errors) expect(result.ok).toBe(false)
    expect(errors[0]).toEqual({ ok: false, error: 'Unknown encrypt value "maybe": use true, false or strict' })
  })

  it('writes a profile back as a URL that reads the same', () => {
    const profile = {
      engine: 'mssql' as const,
      host: 'db.local',
      port: 1444,
      user: 'sa',
      database: 'my db',
      mssql: { instance: 'PROD', encrypt: 'strict' as const, trustServerCertificate: true },
    }
    const url = formatConnectionUrl(profile)!
    expect(url).toBe('sqlserver://sa@db.local%5CPROD:1444/my%20db?encrypt=strict&trustServerCertificate=true')
    const back = parsed(url)
    expect({ ...back, warnings: undefined }).toEqual({ ...profile, warnings: undefined })
  })
})
