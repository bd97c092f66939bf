import { describe, expect, it } from 'vitest'
import { changesCatalog } from './catalog-changes'

describe('changesCatalog', () => {
  it('sees DDL among other statements, on every SQL engine', () => {
    expect(changesCatalog('select 1; create table t (id int); select 2', 'postgres')).toBe(true)
    expect(changesCatalog('DROP TABLE t', 'sqlite')).toBe(true)
    expect(changesCatalog('alter table t add column c int', 'mysql')).toBe(true)
    expect(changesCatalog('create view v as select 1', 'duckdb')).toBe(true)
    expect(changesCatalog('CREATE TABLE dbo.t (id int)', 'mssql')).toBe(true)
  })

  it('ignores reads and row changes', () => {
    expect(changesCatalog('select * from orders where note = 1', 'postgres')).toBe(false)
    expect(changesCatalog("insert into t values ('create table x')", 'sqlite')).toBe(false)
    expect(changesCatalog('update t set created = 1 where id = 2; delete from t where id = 3', 'mysql')).toBe(false)
    expect(changesCatalog('', 'postgres')).toBe(false)
  })

  it('never counts words inside strings, comments or quoted names', () => {
    expect(changesCatalog("select 'drop table t'", 'postgres')).toBe(false)
    expect(changesCatalog('-- create table t\nselect 1', 'sqlite')).toBe(false)
    expect(changesCatalog('/* alter */ select "create" from t', 'postgres')).toBe(false)
    expect(changesCatalog('select $$ drop table t $$', 'postgres')).toBe(false)
    expect(changesCatalog('# drop table t\nselect 1', 'mysql')).toBe(false)
  })

  it('reads each engine its own words', () => {
    // RENAME TABLE is MySQL's; ATTACH is SQLite's and DuckDB's.
    expect(changesCatalog('rename table a to b', 'mysql')).toBe(true)
    expect(changesCatalog("attach database 'x.db' as x", 'sqlite')).toBe(true)
    expect(changesCatalog("attach 'x.duckdb'", 'duckdb')).toBe(true)
    expect(changesCatalog('truncate table t', 'postgres')).toBe(true)
    expect(changesCatalog("attach database 'x.db' as x", 'postgres')).toBe(false)
  })

  it('finds a catalog word anywhere at the top level of a T-SQL batch, not in a subquery', () => {
    expect(changesCatalog('select 1\ncreate table t (id int)\nGO\nselect 2', 'mssql')).toBe(true)
    expect(changesCatalog("EXEC sp_rename 'dbo.a', 'b'", 'mssql')).toBe(true)
    expect(changesCatalog('select (select 1) as [create]', 'mssql')).toBe(false)
  })

  it('starts from the statement, not a word further in', () => {
    expect(changesCatalog('select create_date from sys.objects', 'postgres')).toBe(false)
    expect(changesCatalog('explain select 1', 'postgres')).toBe(false)
    expect(changesCatalog('select 1 as drop_me', 'mysql')).toBe(false)
  })
})
