import { describe, expect, it } from 'vitest'
import { connectionProfileSchema, sameServer } from '../../../shared/contract'
import {
  defaultConnectionName,
  fillFromUrl,
  formFromSaved,
  newConnectionForm,
  toProfile,
  withEngine,
} from './connection-form'
import { validateConnectionForm } from './connection-form-validation'

const mssqlForm = () => withEngine(newConnectionForm(), 'mssql')

describe('the connection form for SQL Server', () => {
  it('starts at port 1433, encryption mandatory, certificate checked', () => {
    expect(mssqlForm()).toMatchObject({
      port: '1433',
      instance: '',
      encrypt: 'mandatory',
      trustServerCertificate: false,
    })
  })

  it('saves instance and TLS as SQL Server settings (no SSL mode), valid for main', () => {
    const values = { ...mssqlForm(), host: 'srv', port: '', instance: 'SQLEXPRESS', trustServerCertificate: true }
    const profile = toProfile(values)
    expect(profile).toMatchObject({
      engine: 'mssql',
      host: 'srv',
      mssql: { instance: 'SQLEXPRESS', encrypt: 'mandatory', trustServerCertificate: true },
    })
    expect(profile).not.toHaveProperty('ssl')
    expect(profile).not.toHaveProperty('port')
    expect(connectionProfileSchema.safeParse(profile).success).toBe(true)
    expect(defaultConnectionName(values)).toBe('srv\\SQLEXPRESS')
    // Back into the form, the same values.
    expect(formFromSaved({ id: 'x', hasPassword: false, hasSshSecret: false, profile })).toMatchObject({
      instance: 'SQLEXPRESS',
      port: '',
      trustServerCertificate: true,
    })
  })

  it('fills itself from a sqlserver:// URL, leaving the port empty for a named instance', () => {
    const filled = fillFromUrl(newConnectionForm(), 'sqlserver://db\\PROD;databaseName=Sales;encrypt=strict')
    expect(filled.ok && filled.values).toMatchObject({
      engine: 'mssql',
      host: 'db',
      instance: 'PROD',
      port: '',
      database: 'Sales',
      encrypt: 'strict',
    })
  })

  it('checks the instance name before saving, and treats another instance as another server', () => {
    expect(validateConnectionForm({ ...mssqlForm(), instance: 'bad name' }).instance).toMatch(/instance/i)
    expect(validateConnectionForm({ ...mssqlForm(), instance: 'GOOD_1' }).instance).toBeUndefined()
    const a = toProfile({ ...mssqlForm(), host: 'h', instance: 'A' })
    const b = toProfile({ ...mssqlForm(), host: 'h', instance: 'B' })
    expect(sameServer(a, b)).toBe(false)
    expect(sameServer(a, { ...a })).toBe(true)
  })
})
