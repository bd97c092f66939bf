import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../shared/contract'
import { splitStatements } from '../../shared/dialect/split-statements'
import { checkedStatements } from './script-statements'

const check = (script: string) => checkedStatements(splitStatements(script, 'postgres'), {}, 'postgres')

describe('checkedStatements', () => {
  it('refuses a script holding a client command, pointing at it', () => {
    const script = 'SELECT 1;\n\\connect other\nSELECT 2;'
    let failure: unknown
    try {
      check(script)
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(QuarryFailure)
    expect((failure as QuarryFailure).error).toMatchObject({
      kind: 'invalid-input',
      position: script.indexOf('\\connect') + 1,
    })
    expect((failure as QuarryFailure).error.message).toMatch(
      /^\\connect is a command of the engine's command-line client/,
    )
  })

  it('passes pg_dump’s \\restrict lines over and keeps COPY data on its statement', () => {
    const script = '\\restrict k\nCOPY t (a) FROM stdin;\n1\n\\.\n\\unrestrict k\n'
    expect(check(script)).toEqual([
      { sql: 'COPY t (a) FROM stdin', offset: 12, copyData: '1\n', dataEnd: script.indexOf('\\unrestrict') },
    ])
  })
})
