import { describe, expect, it } from 'vitest'
import { formatSql } from './format-sql'

describe('formatSql', () => {
  it('formats in the engine’s dialect', () => {
    expect(formatSql('select a,b from t where x=1', 'postgres')).toEqual({
      ok: true,
      sql: 'select\n  a,\n  b\nfrom\n  t\nwhere\n  x = 1',
    })
    // PostgreSQL's dollar quotes and casts survive; MySQL backticks are MySQL's.
    const pg = formatSql("select $$a;b$$::text, 'x'", 'postgres')
    expect(pg.ok && pg.sql).toContain('$$a;b$$::text')
    const my = formatSql('select `weird name` from `t`', 'mysql')
    expect(my.ok && my.sql).toContain('`weird name`')
  })

  it('answers a message, not a crash, for text it cannot parse or an engine without SQL', () => {
    expect(formatSql("select 'unterminated", 'postgres')).toMatchObject({ ok: false, message: /Could not format/ })
    expect(formatSql('db.c.find()', 'mongodb')).toEqual({ ok: false, message: 'This engine has no SQL formatter' })
  })
})
