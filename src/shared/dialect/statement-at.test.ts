import { describe, expect, it } from 'vitest'
import { runnableText, statementAt } from './statement-at'

/** The cursor is where `|` is written; it is removed from the script. */
const at = (marked: string, dialect: 'sqlite' | 'postgres' | 'mysql' | 'mssql' = 'postgres') => {
  const cursor = marked.indexOf('|')
  const script = marked.slice(0, cursor) + marked.slice(cursor + 1)
  const found = statementAt(script, cursor, dialect)
  return found && { sql: found.sql, offset: found.offset, same: script.slice(found.offset).startsWith(found.sql) }
}

describe('statementAt (what Ctrl+Enter runs without a selection)', () => {
  it('picks the statement the cursor is in, anywhere in it', () => {
    expect(at('SELECT 1;\nSELECT |2;\nSELECT 3')).toEqual({ sql: 'SELECT 2', offset: 10, same: true })
    expect(at('|SELECT 1;\nSELECT 2')?.sql).toBe('SELECT 1')
    expect(at('SELECT 1;\n|SELECT 2')?.sql).toBe('SELECT 2')
    expect(at('SELECT 1;SELECT| 2')?.sql).toBe('SELECT 2')
  })

  it('right after a statement, before or after its semicolon: that statement', () => {
    expect(at('SELECT 1|;\nSELECT 2')?.sql).toBe('SELECT 1')
    expect(at('SELECT 1;|\nSELECT 2')?.sql).toBe('SELECT 1')
    expect(at('SELECT 1;   |\n\nSELECT 2')?.sql).toBe('SELECT 1')
    expect(at('SELECT 1;\nSELECT 2;|')?.sql).toBe('SELECT 2')
  })

  it('on a blank line between statements: the next one; after the last: the last one', () => {
    expect(at('SELECT 1;\n|\nSELECT 2')?.sql).toBe('SELECT 2')
    expect(at('SELECT 1;\n\n  |  \nSELECT 2')?.sql).toBe('SELECT 2')
    expect(at('SELECT 1;\nSELECT 2;\n\n|')?.sql).toBe('SELECT 2')
  })

  it('spans lines, and is not fooled by semicolons in strings, comments or dollar quotes', () => {
    expect(at("SELECT 'a;b',\n  2 -- x; y\n  |AS two;\nSELECT 3")?.sql).toBe("SELECT 'a;b',\n  2 -- x; y\n  AS two")
    const fn = 'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql'
    expect(at(`${fn.replace('SELECT 1', 'SELECT| 1')};\nSELECT 2`)?.sql).toBe(fn)
  })

  it('follows the dialect: MySQL DELIMITER blocks, SQL Server GO batches', () => {
    const script = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; |SELECT 2; END //\nDELIMITER ;\nSELECT 3;'
    expect(at(script, 'mysql')?.sql).toBe('CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END')
    expect(at('SELECT 1\nSELECT |2\nGO\nSELECT 3', 'mssql')?.sql).toBe('SELECT 1\nSELECT 2')
  })

  it('has nothing to run in a script of blanks and comments', () => {
    expect(at('  -- only a comment\n|')).toBeNull()
    expect(at('|')).toBeNull()
  })
})

describe('statementAt: COPY … FROM stdin with its data', () => {
  it('finds the COPY from its data lines and runs it with them', () => {
    const script = 'SELECT 1;\nCOPY t FROM stdin;\n1\tx\n2\ty\n\\.\nSELECT 2;'
    for (const cursor of [script.indexOf('COPY') + 2, script.indexOf('2\ty'), script.indexOf('\\.')]) {
      const statement = statementAt(script, cursor, 'postgres')!
      expect(statement.sql).toBe('COPY t FROM stdin')
      expect(runnableText(script, statement)).toBe('COPY t FROM stdin;\n1\tx\n2\ty\n\\.\n')
    }
    expect(runnableText(script, statementAt(script, script.length, 'postgres')!)).toBe('SELECT 2')
  })
})
