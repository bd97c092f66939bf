import { describe, expect, it } from 'vitest'
import { WRITE_REFUSED_CODE } from '../../../shared/contract'
import { SAFE_MODE_LEXER_CODE } from './safe-mode-codes'
import { safeModeQuestion } from './safe-mode-question'

describe('safe mode question', () => {
  const refusal = { kind: 'permission' as const, code: WRITE_REFUSED_CODE, message: 'refused' }

  it('asks about the statement the server refused, and reruns from it with it confirmed', () => {
    const script = 'SELECT 1;\nDELETE FROM t WHERE x = 1;\nSELECT 2'
    const offset = script.indexOf('DELETE')
    const question = safeModeQuestion(refusal, script, 40, { sql: 'DELETE FROM t WHERE x = 1', offset }, 'postgres')
    expect(question).toMatchObject({
      judge: 'server',
      statements: [{ sql: 'DELETE FROM t WHERE x = 1', wholesale: false }],
      rerun: {
        sql: script.slice(offset),
        offset: 40 + offset,
        confirm: { confirmedWrite: 'DELETE FROM t WHERE x = 1' },
      },
    })
  })

  it('warns harder for DROP, TRUNCATE and UPDATE/DELETE without WHERE', () => {
    for (const sql of ['DROP TABLE t', 'TRUNCATE t', 'UPDATE t SET x = 1', 'DELETE FROM t']) {
      const question = safeModeQuestion(refusal, sql, 0, { sql, offset: 0 }, 'mysql')
      expect(question?.statements[0]?.wholesale, sql).toBe(true)
    }
  })

  it("lexer engines: lists the script's dangerous statements, reruns it whole with confirmedDangerous", () => {
    const error = { kind: 'permission' as const, code: SAFE_MODE_LEXER_CODE, message: 'not confirmed' }
    const question = safeModeQuestion(error, 'SELECT 1; DELETE FROM t', 3, undefined, 'mssql')
    expect(question).toMatchObject({
      judge: 'lexer',
      // A T-SQL batch is one statement to the splitter (batches end at GO).
      statements: [{ sql: 'SELECT 1; DELETE FROM t', wholesale: true }],
      rerun: { sql: 'SELECT 1; DELETE FROM t', offset: 3, confirm: { confirmedDangerous: true } },
    })
  })

  it('asks nothing for other errors', () => {
    expect(safeModeQuestion({ kind: 'syntax', message: 'x' }, 'SELEC', 0, undefined, 'sqlite')).toBeNull()
    expect(safeModeQuestion(null, 'SELECT 1', 0, undefined, 'sqlite')).toBeNull()
  })
})
