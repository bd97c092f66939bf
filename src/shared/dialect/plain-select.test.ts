import { describe, expect, it } from 'vitest'
import { isPlainSelect } from './plain-select'

describe('isPlainSelect', () => {
  it('takes a SELECT that only reads', () => {
    expect(isPlainSelect('select id, name from t where id in (1, 2) order by 1', 'postgres')).toBe(true)
    expect(isPlainSelect('SELECT count(*) FROM t;', 'sqlite')).toBe(true)
    expect(isPlainSelect("select 'nextval(' as x from t -- into", 'postgres')).toBe(true)
  })

  it('refuses what writes, locks, sets or calls', () => {
    expect(isPlainSelect('select * into t2 from t', 'postgres')).toBe(false)
    expect(isPlainSelect('select * from t for update', 'postgres')).toBe(false)
    expect(isPlainSelect('select * from t lock in share mode', 'mysql')).toBe(false)
    expect(isPlainSelect("select nextval('s'), id from t", 'postgres')).toBe(false)
    expect(isPlainSelect('select @x := id from t', 'mysql')).toBe(false)
    expect(isPlainSelect('select 1; delete from t', 'sqlite')).toBe(false)
    expect(isPlainSelect('with d as (delete from t returning *) select * from d', 'postgres')).toBe(false)
    expect(isPlainSelect('update t set a = 1', 'postgres')).toBe(false)
  })
})
