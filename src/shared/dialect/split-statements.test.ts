import { describe, expect, it } from 'vitest'
import { MAX_GO_REPEAT, splitStatements } from './split-statements'
import type { SqlDialect } from './split-statements'

const texts = (sql: string, dialect: SqlDialect) => splitStatements(sql, dialect).map((s) => s.sql)

describe('splitStatements', () => {
  it('splits on semicolons and reports where each statement starts', () => {
    const script = 'SELECT 1;\n  SELECT 2 ;\n\nSELECT 3'
    expect(splitStatements(script, 'postgres')).toEqual([
      { sql: 'SELECT 1', offset: 0 },
      { sql: 'SELECT 2', offset: 12 },
      { sql: 'SELECT 3', offset: 24 },
    ])
  })

  it('ignores semicolons in strings, identifiers and comments', () => {
    const script = `SELECT 'a;b', "c;d" FROM t -- x;y\n; /* p;q */ SELECT 'it''s;' ; SELECT 2`
    expect(texts(script, 'sqlite')).toEqual([
      `SELECT 'a;b', "c;d" FROM t -- x;y`,
      `/* p;q */ SELECT 'it''s;'`,
      'SELECT 2',
    ])
  })

  it('skips empty statements and comment-only ones', () => {
    expect(texts(';; -- nothing\n; /* still nothing */ ; SELECT 1;;', 'postgres')).toEqual(['SELECT 1'])
  })

  it('knows PostgreSQL dollar quotes, E strings, nested comments and $1 parameters', () => {
    const fn = `CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql`
    expect(texts(`${fn}; SELECT $$a;b$$; SELECT E'x\\';y'; /* a /* b; */ c; */ SELECT $1::int;`, 'postgres')).toEqual([
      fn,
      'SELECT $$a;b$$',
      "SELECT E'x\\';y'",
      '/* a /* b; */ c; */ SELECT $1::int',
    ])
  })

  it('treats backslashes as escapes only where the dialect does', () => {
    expect(texts(`SELECT 'a\\';b'; SELECT 2`, 'mysql')).toEqual([`SELECT 'a\\';b'`, 'SELECT 2'])
    expect(texts(`SELECT 'a\\'; SELECT 2`, 'postgres')).toEqual([`SELECT 'a\\'`, 'SELECT 2'])
  })

  it('knows MySQL # comments, backticks and DELIMITER', () => {
    const script = [
      'SELECT `a;b` FROM t; # c;d',
      'DELIMITER //',
      'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //',
      'DELIMITER ;',
      'CALL p();',
    ].join('\n')
    expect(texts(script, 'mysql')).toEqual([
      'SELECT `a;b` FROM t',
      'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END',
      'CALL p()',
    ])
  })

  it('keeps trigger and routine bodies whole without DELIMITER', () => {
    const trigger = `CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE u SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END; INSERT INTO log VALUES (1); END`
    expect(texts(`${trigger}; SELECT 1`, 'sqlite')).toEqual([trigger, 'SELECT 1'])
    const proc = `CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; END`
    expect(texts(`${proc}; SELECT 3`, 'mysql')).toEqual([proc, 'SELECT 3'])
  })

  it('does not treat BEGIN as a block outside triggers and routines', () => {
    expect(texts('BEGIN; UPDATE t SET a = 1; END;', 'sqlite')).toEqual(['BEGIN', 'UPDATE t SET a = 1', 'END'])
  })

  it('splits SQL Server scripts into batches at GO lines only', () => {
    const script = 'SELECT 1; SELECT 2\nGO\nCREATE PROCEDURE p AS SELECT 3\n  go  \nSELECT 4'
    expect(texts(script, 'mssql')).toEqual(['SELECT 1; SELECT 2', 'CREATE PROCEDURE p AS SELECT 3', 'SELECT 4'])
  })

  it('survives unterminated strings and comments', () => {
    expect(texts("SELECT 'abc; SELECT 2", 'sqlite')).toEqual(["SELECT 'abc; SELECT 2"])
    // Passed on as written, so the engine reports the unterminated comment in its own words.
    expect(texts('SELECT 1; /* never closed; SELECT 2', 'postgres')).toEqual(['SELECT 1', '/* never closed; SELECT 2'])
  })
})

describe('splitStatements: SQL Server GO', () => {
  const batches = (sql: string) => splitStatements(sql, 'mssql')

  it('splits at GO lines in any case, with spaces and a trailing comment', () => {
    const script = 'SELECT 1\nGO\nSELECT 2\n  go  \nSELECT 3\nGo -- next\nSELECT 4\r\nGO\r\nSELECT 5'
    expect(texts(script, 'mssql')).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 4', 'SELECT 5'])
  })

  it('reports where each batch starts, and GO n as a repeat count (GO 0 skips the batch)', () => {
    const script = 'SELECT 1\nGO 3\n  INSERT t DEFAULT VALUES\nGO 0\nSELECT 2\nGO'
    expect(batches(script)).toEqual([
      { sql: 'SELECT 1', offset: 0, repeat: 3 },
      { sql: 'SELECT 2', offset: 45 },
    ])
    expect(script.slice(45, 53)).toBe('SELECT 2')
  })

  it('never splits inside strings, quoted identifiers or (nested) block comments', () => {
    const inString = "SELECT 'a\nGO\nb' AS x"
    const inBracket = 'SELECT 1 AS [a\nGO\nb]'
    const inQuoted = 'SELECT 1 AS "a\nGO\nb"'
    const inComment = 'SELECT 1 /* outer /* inner */\nGO\n*/ AS x'
    for (const script of [inString, inBracket, inQuoted, inComment]) expect(texts(script, 'mssql')).toEqual([script])
    expect(texts("SELECT 'it''s'\nGO\nSELECT 2", 'mssql')).toEqual(["SELECT 'it''s'", 'SELECT 2'])
  })

  it('splits after a line comment that mentions quotes, and not on GO inside a line', () => {
    expect(texts("SELECT 1 -- don't\nGO\nSELECT 2", 'mssql')).toEqual(["SELECT 1 -- don't", 'SELECT 2'])
    expect(texts('SELECT 1 GO\nSELECT go FROM t\nGOTO x\nGO;', 'mssql')).toEqual([
      'SELECT 1 GO\nSELECT go FROM t\nGOTO x\nGO;',
    ])
  })

  it('caps absurd repeat counts and skips empty batches', () => {
    expect(batches('SELECT 1\nGO 99999999999')[0]?.repeat).toBe(MAX_GO_REPEAT)
    expect(batches('GO\n\nGO\nSELECT 1\nGO\n   \nGO')).toEqual([{ sql: 'SELECT 1', offset: 7 }])
  })
})
