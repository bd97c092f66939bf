import { describe, expect, it } from 'vitest'
import { parseIndexDdl } from '../../../src/main/drivers/sqlite/sqlite-ddl'
import { quoteIdentifier } from '../../../src/main/drivers/sqlite/sqlite-dialect'

describe('sqlite: index DDL reading', () => {
  it('reads plain, expression and partial indexes', () => {
    expect(parseIndexDdl('CREATE INDEX i ON t (a, b DESC)')).toEqual({ parts: ['a', 'b'], predicate: null })
    expect(parseIndexDdl('CREATE INDEX i ON t (lower(a), coalesce(b, 0) ASC) WHERE a IS NOT NULL')).toEqual({
      parts: ['lower(a)', 'coalesce(b, 0)'],
      predicate: 'a IS NOT NULL',
    })
    expect(parseIndexDdl('CREATE UNIQUE INDEX i ON t(x)\n  where (x > 0 AND y < 1)  ')?.predicate).toBe(
      '(x > 0 AND y < 1)',
    )
  })

  it('is not fooled by quotes, brackets and comments', () => {
    const sql = `CREATE INDEX "i(" ON "t (weird" ( "a,b" , [c)] -- a comment (with a paren
      , substr('),(', 1) /* ) */ ) WHERE "a,b" <> ')'`
    expect(parseIndexDdl(sql)).toEqual({
      parts: ['"a,b"', '[c)] -- a comment (with a paren\n      ', "substr('),(', 1) /* ) */"].map((p) => p.trim()),
      predicate: `"a,b" <> ')'`,
    })
    expect(parseIndexDdl("CREATE INDEX i ON t ('it''s', b)")?.parts).toEqual(["'it''s'", 'b'])
  })

  it('answers null for text without a key list', () => {
    expect(parseIndexDdl('CREATE INDEX i ON t')).toBeNull()
  })

  it('quotes identifiers by doubling inner quotes', () => {
    expect(quoteIdentifier('plain')).toBe('"plain"')
    expect(quoteIdentifier('odd "name"')).toBe('"odd ""name"""')
  })
})
