import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../../shared/contract'
import { bindParams, hexLiteral } from './mysql-params'

describe('mysql bindParams', () => {
  it('writes each value as UTF-8 hex, which no sql_mode reads differently', () => {
    expect(hexLiteral("\\' OR 1=1 --")).toBe("_utf8mb4 X'5c27204f5220313d31202d2d'")
    expect(hexLiteral('é✓')).toBe("_utf8mb4 X'c3a9e29c93'")
    expect(hexLiteral('')).toBe("''")
  })

  it('replaces placeholders in order, skipping question marks in quotes and comments', () => {
    const sql = "SELECT '?', \"?\", `a?` FROM t WHERE (x = 'it''s?' -- ?\n) AND a = ? /* ? */ AND b LIKE ? # ?"
    expect(bindParams(sql, ['1', 'b'])).toBe(
      "SELECT '?', \"?\", `a?` FROM t WHERE (x = 'it''s?' -- ?\n) AND a = _utf8mb4 X'31' /* ? */ AND b LIKE _utf8mb4 X'62' # ?",
    )
  })

  it('refuses a statement whose placeholders do not match the parameters', () => {
    expect(() => bindParams('SELECT ? , ?', ['1'])).toThrow(QuarryFailure)
    expect(() => bindParams('SELECT ?', ['1', '2'])).toThrow(/1 placeholder\(s\) for 2 parameter\(s\)/)
  })
})
