import { describe, expect, it } from 'vitest'
import { commandTag } from './command-tag'

describe('commandTag', () => {
  it('names DDL by its verb and object, as psql does', () => {
    expect(commandTag('create table t (a int)', 'sqlite', 0)).toBe('CREATE TABLE')
    expect(commandTag('-- note\nCREATE OR REPLACE VIEW v AS SELECT 1', 'mysql', 0)).toBe('CREATE VIEW')
    expect(commandTag('create unique index if not exists i on t (a)', 'sqlite', 0)).toBe('CREATE INDEX')
    expect(commandTag('drop materialized view if exists m', 'postgres', 0)).toBe('DROP MATERIALIZED VIEW')
    expect(commandTag('ALTER TABLE t ADD COLUMN b int', 'duckdb', null)).toBe('ALTER TABLE')
    expect(commandTag('truncate t', 'mysql', 0)).toBe('TRUNCATE TABLE')
  })

  it('counts the rows of data statements, also after a WITH', () => {
    expect(commandTag('update t set a = 1 where id = 2', 'mysql', 1)).toBe('UPDATE 1')
    expect(commandTag('with x as (select 1) delete from t where id in (select * from x)', 'sqlite', 3)).toBe('DELETE 3')
    expect(commandTag("insert into t values ('begin; end')", 'sqlite', 1)).toBe('INSERT 1')
    expect(commandTag('select 1', 'sqlite', 1)).toBe('SELECT 1')
  })

  it('says BEGIN, COMMIT and ROLLBACK in every spelling', () => {
    expect(commandTag('start transaction', 'mysql', 0)).toBe('BEGIN')
    expect(commandTag('BEGIN TRANSACTION', 'duckdb', null)).toBe('BEGIN')
    expect(commandTag('begin', 'sqlite', 0)).toBe('BEGIN')
    expect(commandTag('end', 'postgres', null)).toBe('COMMIT')
    expect(commandTag('rollback work', 'mysql', 0)).toBe('ROLLBACK')
    expect(commandTag('SET search_path = x', 'postgres', null)).toBe('SET')
    expect(commandTag('  ', 'postgres', null)).toBeNull()
  })
})
