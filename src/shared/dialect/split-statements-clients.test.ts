import { describe, expect, it } from 'vitest'
import { splitStatements } from './split-statements'
import type { SqlDialect } from './split-statements'

const texts = (sql: string, dialect: SqlDialect) => splitStatements(sql, dialect).map((s) => s.sql)

describe('splitStatements: MySQL as the mysql client reads it', () => {
  it('keeps statements made only of executable comments (mysqldump’s SET lines) and runs them', () => {
    const script = [
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
      '/*!40014 SET FOREIGN_KEY_CHECKS=0 */;',
      '/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;',
      '/* a plain comment */;',
      'SELECT 1;',
    ].join('\n')
    expect(texts(script, 'mysql')).toEqual([
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */',
      '/*!40014 SET FOREIGN_KEY_CHECKS=0 */',
      '/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */',
      'SELECT 1',
    ])
  })

  it('reads executable comments as code elsewhere: other engines keep them as comments', () => {
    expect(texts('/*!40014 SET a=1 */;', 'sqlite')).toEqual([])
    expect(texts('CREATE TABLE t (a int) /*!ENGINE=InnoDB */; SELECT 2', 'mysql')).toEqual([
      'CREATE TABLE t (a int) /*!ENGINE=InnoDB */',
      'SELECT 2',
    ])
  })

  it('ends a statement at a delimiter glued to a word (END$$)', () => {
    const script = 'DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND$$\nDELIMITER ;\nCALL p();'
    expect(texts(script, 'mysql')).toEqual(['CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND', 'CALL p()'])
    expect(texts('DELIMITER //\nSELECT a//\nSELECT b//', 'mysql')).toEqual(['SELECT a', 'SELECT b'])
  })

  it('takes the first word after DELIMITER, so a comment may follow it', () => {
    const script = 'DELIMITER $$ -- routines below\nSELECT 1$$\nDELIMITER ; -- back\nSELECT 2;'
    expect(texts(script, 'mysql')).toEqual(['SELECT 1', 'SELECT 2'])
  })

  it('starts a -- comment only before a blank or the line’s end', () => {
    expect(texts('SELECT 1--1;\nSELECT 2;', 'mysql')).toEqual(['SELECT 1--1', 'SELECT 2'])
    expect(texts('SELECT 1 -- x; y\n;SELECT 3 --\n;', 'mysql')).toEqual(['SELECT 1 -- x; y', 'SELECT 3 --'])
    // Other engines: -- always starts a comment.
    expect(texts('SELECT 1--1;\nSELECT 2;', 'postgres')).toEqual(['SELECT 1--1;\nSELECT 2'])
  })

  it('ends a statement at \\G and \\g, outside strings', () => {
    expect(texts("SELECT 1\\G\nSELECT '\\G'\\g SELECT 3;", 'mysql')).toEqual(['SELECT 1', "SELECT '\\G'", 'SELECT 3'])
  })
})

describe('splitStatements: trigger and routine bodies', () => {
  it('keeps a body whole after a leading comment (SQLite, MySQL, PostgreSQL BEGIN ATOMIC)', () => {
    const sqlite =
      '-- audit\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); UPDATE c SET n = n + 1; END'
    expect(texts(`${sqlite};\nSELECT 1;`, 'sqlite')).toEqual([sqlite, 'SELECT 1'])
    const mysql =
      '/* audit */ CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END'
    expect(texts(`${mysql};\nSELECT 1;`, 'mysql')).toEqual([mysql, 'SELECT 1'])
    const atomic =
      '-- in SQL\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; END'
    expect(texts(`${atomic};\nSELECT 2;`, 'postgres')).toEqual([atomic, 'SELECT 2'])
  })

  it('reads a DEFINER clause, quoted or not', () => {
    const proc = 'CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; SELECT 2; END'
    expect(texts(`${proc}; SELECT 3`, 'mysql')).toEqual([proc, 'SELECT 3'])
    const fn = "CREATE OR REPLACE DEFINER = 'u'@'%' FUNCTION f() RETURNS int BEGIN RETURN 1; END"
    expect(texts(`${fn}; SELECT 3`, 'mysql')).toEqual([fn, 'SELECT 3'])
  })

  it('does not open a block at begin used as a name', () => {
    const fn = 'CREATE FUNCTION f() RETURNS TABLE(begin int, x int) LANGUAGE sql AS $$ SELECT 1, 2 $$'
    expect(texts(`${fn}; SELECT 1; SELECT 2`, 'postgres')).toEqual([fn, 'SELECT 1', 'SELECT 2'])
    const trigger = 'CREATE TRIGGER tr AFTER UPDATE OF begin ON t BEGIN SELECT 1; END'
    expect(texts(`${trigger}; SELECT 2`, 'sqlite')).toEqual([trigger, 'SELECT 2'])
  })

  it('counts CASE statements closed by END CASE once', () => {
    const proc = 'CREATE PROCEDURE p(x int) BEGIN CASE x WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE; END'
    expect(texts(`${proc}; SELECT 3`, 'mysql')).toEqual([proc, 'SELECT 3'])
  })
})

describe('splitStatements: PostgreSQL as psql reads it', () => {
  it('carries COPY … FROM stdin data with the statement, up to \\., and goes on after it', () => {
    const script = ['COPY public.t (id, name) FROM stdin;', '1\tone; two', '2\tSELECT 3;', '\\.', '', 'SELECT 4;'].join(
      '\n',
    )
    expect(splitStatements(script, 'postgres')).toEqual([
      {
        sql: 'COPY public.t (id, name) FROM stdin',
        offset: 0,
        copyData: '1\tone; two\n2\tSELECT 3;\n',
        dataEnd: script.indexOf('\\.') + 3,
      },
      { sql: 'SELECT 4', offset: script.indexOf('SELECT 4') },
    ])
  })

  it('reads COPY data to the script’s end when \\. is missing, and only after FROM stdin', () => {
    expect(splitStatements('COPY t FROM STDIN;\n1\n2', 'postgres')[0]?.copyData).toBe('1\n2')
    expect(splitStatements("COPY t FROM '/tmp/x';\nSELECT 1;", 'postgres').map((s) => s.copyData)).toEqual([
      undefined,
      undefined,
    ])
    expect(texts('COPY t TO stdout; SELECT 1', 'postgres')).toEqual(['COPY t TO stdout', 'SELECT 1'])
  })

  it('keeps ; inside parentheses (CREATE RULE … DO ALSO (…; …))', () => {
    const rule = 'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t)'
    expect(texts(`${rule}; SELECT 1`, 'postgres')).toEqual([rule, 'SELECT 1'])
  })

  it('reads backslash escapes after SET standard_conforming_strings = off, and not after on', () => {
    const script =
      "SET standard_conforming_strings = off;\nSELECT 'it\\'s; a';\nSET standard_conforming_strings TO on;\nSELECT 'a\\'; SELECT 2;"
    expect(texts(script, 'postgres')).toEqual([
      'SET standard_conforming_strings = off',
      "SELECT 'it\\'s; a'",
      'SET standard_conforming_strings TO on',
      "SELECT 'a\\'",
      'SELECT 2',
    ])
    expect(
      texts("SET SESSION standard_conforming_strings = 'false'; RESET ALL; SELECT 'a\\'; SELECT 2", 'postgres'),
    ).toEqual(["SET SESSION standard_conforming_strings = 'false'", 'RESET ALL', "SELECT 'a\\'", 'SELECT 2'])
  })

  it('passes over pg_dump’s \\restrict lines and marks other backslash commands as the client’s', () => {
    const script = '\\restrict abc123\nSELECT 1;\n\\connect other\nSELECT 2;\n\\unrestrict abc123\n'
    expect(splitStatements(script, 'postgres')).toEqual([
      { sql: 'SELECT 1', offset: 17 },
      { sql: '\\connect other', offset: 27, clientCommand: 'connect' },
      { sql: 'SELECT 2', offset: 42 },
    ])
  })
})
