import { describe, expect, it } from 'vitest'
import type { ImportColumn } from '../../../shared/contract/import-model'
import { MYSQL } from '../../../shared/engines/mysql'
import { POSTGRES } from '../../../shared/engines/postgres'
import { insertSql } from './import-sql'
import { convertValue } from './value-convert'

const column = (kind: ImportColumn['kind'], format: string | null = null): ImportColumn => ({
  source: 0,
  target: 'c',
  kind,
  format,
  type: 'x',
})

describe('convertValue', () => {
  it('checks integer ranges per kind and keeps NULL apart from the empty string', () => {
    expect(convertValue('32767', column('smallint'), POSTGRES.import)).toEqual({ value: '32767' })
    expect(convertValue('-32768', column('smallint'), POSTGRES.import)).toEqual({ value: '-32768' })
    expect(convertValue('+007', column('integer'), POSTGRES.import)).toEqual({ value: '7' })
    expect(convertValue('-0', column('integer'), POSTGRES.import)).toEqual({ value: '0' })
    expect(convertValue('2147483648', column('integer'), POSTGRES.import)).toEqual({
      reason: 'out of range for integer: 2147483648',
    })
    expect(convertValue('-9223372036854775808', column('bigint'), POSTGRES.import)).toEqual({
      value: '-9223372036854775808',
    })
    expect(convertValue('9223372036854775808', column('bigint'), POSTGRES.import)).toEqual({
      reason: 'out of range for bigint: 9223372036854775808',
    })
    expect(convertValue('32768', column('smallint'), POSTGRES.import)).toEqual({
      reason: 'out of range for smallint: 32768',
    })
    expect(convertValue(null, column('text'), POSTGRES.import)).toEqual({ value: null })
    expect(convertValue('', column('text'), POSTGRES.import)).toEqual({ value: '' })
  })

  it('writes booleans and timestamps as the engine takes them', () => {
    expect(convertValue('Yes', column('boolean'), POSTGRES.import)).toEqual({ value: 'true' })
    expect(convertValue('no', column('boolean'), MYSQL.import)).toEqual({ value: '0' })
    const ts = column('timestamptz', 'DD/MM/YYYY HH:mm:ss Z')
    expect(convertValue('31/12/2024 23:00:00-02:00', ts, POSTGRES.import)).toEqual({
      value: '2024-12-31 23:00:00-02:00',
    })
    expect(convertValue('31/12/2024 23:00:00-02:00', ts, MYSQL.import)).toEqual({ value: '2025-01-01 01:00:00' })
  })
})

describe('insertSql', () => {
  it('binds every value and writes NULL as the keyword', () => {
    const quote = (n: string) => `"${n}"`
    const built = insertSql(
      quote,
      '"t"',
      [column('text'), { ...column('text'), target: 'd' }],
      [
        ['a', null],
        ["x'); DROP", 'b'],
      ],
      'dollar',
    )
    expect(built).toEqual({
      sql: 'INSERT INTO "t" ("c", "d") VALUES ($1, NULL), ($2, $3)',
      params: ['a', "x'); DROP", 'b'],
    })
  })
})
