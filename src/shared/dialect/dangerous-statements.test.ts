import { describe, expect, it } from 'vitest'
import { dangerousStatements } from './dangerous-statements'
import type { SqlDialect } from './split-statements'

const kinds = (sql: string, dialect: SqlDialect = 'postgres') => dangerousStatements(sql, dialect).map((d) => d.kind)

describe('dangerousStatements', () => {
  it.each<[string, string[]]>([
    ['DELETE FROM t', ['delete-without-where']],
    ['delete from t;', ['delete-without-where']],
    ['UPDATE t SET a = 1', ['update-without-where']],
    ['DROP TABLE t', ['drop']],
    ['drop database x', ['drop']],
    ['TRUNCATE t', ['truncate']],
    ['DELETE FROM t WHERE id = 1', []],
    ['UPDATE t SET a = 1 WHERE id = 2', []],
    ['SELECT * FROM t', []],
    ['INSERT INTO t VALUES (1)', []],
    // A WHERE inside a subquery does not restrict the UPDATE itself.
    ['UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)', ['update-without-where']],
    ['DELETE FROM t USING (SELECT 1 WHERE true) s', ['delete-without-where']],
    ['WITH x AS (SELECT 1) DELETE FROM t', ['delete-without-where']],
    ['WITH x AS (DELETE FROM t WHERE a = 1 RETURNING *) SELECT * FROM x', []],
    ['CREATE TABLE c (p int REFERENCES t ON DELETE CASCADE)', []],
    ['ALTER TABLE t DROP COLUMN c', []],
  ])('%s → %j', (sql, expected) => {
    expect(kinds(sql)).toEqual(expected)
  })

  it('is not fooled by strings, comments or quoted names', () => {
    expect(kinds("SELECT 'DROP TABLE t; DELETE FROM t'")).toEqual([])
    expect(kinds('-- DELETE FROM t\nSELECT 1')).toEqual([])
    expect(kinds('/* DROP TABLE t */ SELECT 1')).toEqual([])
    expect(kinds('SELECT "drop" FROM t')).toEqual([])
    expect(kinds('SELECT $$DELETE FROM t$$')).toEqual([])
    // A WHERE in a comment or a string is no WHERE.
    expect(kinds('DELETE FROM t -- WHERE id = 1')).toEqual(['delete-without-where'])
    expect(kinds("UPDATE t SET a = 'WHERE'")).toEqual(['update-without-where'])
    expect(kinds('DELETE FROM t /* where */', 'mysql')).toEqual(['delete-without-where'])
    expect(kinds('DELETE FROM t # where', 'mysql')).toEqual(['delete-without-where'])
    expect(kinds("SELECT 'it\\'s DROP TABLE x'", 'mysql')).toEqual([])
    expect(kinds('SELECT `delete` FROM t', 'mysql')).toEqual([])
    expect(kinds('SELECT [drop] FROM t', 'sqlite')).toEqual([])
  })

  it('finds each dangerous statement of a script, with its offset', () => {
    const script = 'SELECT 1;\nDELETE FROM a;\nUPDATE b SET x = 1 WHERE y;\nDROP TABLE c'
    expect(dangerousStatements(script, 'sqlite')).toEqual([
      { kind: 'delete-without-where', offset: 10, sql: 'DELETE FROM a' },
      { kind: 'drop', offset: 53, sql: 'DROP TABLE c' },
    ])
  })

  it('checks every statement of a T-SQL batch', () => {
    expect(kinds('SELECT 1\nDELETE FROM t\nUPDATE u SET a = 1 WHERE b = 2', 'mssql')).toEqual(['delete-without-where'])
    expect(kinds('CREATE TRIGGER tr ON t AFTER DELETE AS SELECT 1', 'mssql')).toEqual([])
    expect(kinds('SELECT [delete] FROM t', 'mssql')).toEqual([])
  })

  it('reads letters of any script as word characters: `éwhere` is a name, not WHERE', () => {
    expect(kinds('DELETE FROM t AS éwhere')).toEqual(['delete-without-where'])
    expect(kinds('UPDATE t SET a = 1 -- x\nWHERE日 = 2', 'sqlite')).toEqual(['update-without-where'])
    expect(kinds('DELETE FROM t AS éwhere', 'mssql')).toEqual(['delete-without-where'])
    expect(kinds('DELETE FROM t WHERE é = 1')).toEqual([])
  })
})
