import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitStatements } from '../../../src/shared/dialect/split-statements'
import type { SqlDialect } from '../../../src/shared/dialect/split-statements'

/**
 * Scripts beside their statements as the engine's own client sent them to a server (psql from the
 * server's log, the mariadb client from general_log, sqlite3 from .trace), recorded once by
 * test/fixtures/scripts/make-expected.py. The splitter must find the same statements.
 */
const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'scripts')
const DIALECTS: Record<string, SqlDialect> = {
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
}

/**
 * A statement as compared: without comments before and after it (psql drops leading `--`
 * comments; the mariadb client sends comment lines on their own, and keeps a comment that follows
 * the delimiter on its line), its final delimiter (psql sends it) and blank lines (psql drops
 * them). The mariadb client also takes its own `\-` (sandbox mode) out of mariadb-dump's first
 * line, a comment the server skips. Null when nothing is left: such a send runs nothing.
 */
function normalize(sql: string): string | null {
  let text = sql.replace('/*M!999999\\- ', '/*M!999999 ').trim()
  // Written without the lexer under test: executable comments (`/*!`, `/*M!`) are kept as code.
  for (let before = ''; before !== text;) {
    before = text
    text = text
      .replace(/^(?:--(?=\s|$)|#)[^\n]*/, '')
      .replace(/^\/\*(?!M?!)[\s\S]*?\*\//, '')
      .replace(/;$/, '')
      .replace(/[ \t](?:--[ \t]|#)[^'\n]*$/, '')
      .trim()
  }
  return text === '' ? null : text.replace(/\n\s*\n/g, '\n')
}

const fixtures = readdirSync(DIR).filter((name) => name.endsWith('.sql'))

describe('splitter corpus: the same statements as the engine’s client', () => {
  it('has a fixture for each SQL client recorded', () => {
    expect(new Set(fixtures.map((name) => DIALECTS[name.split('-')[0]!]))).toEqual(
      new Set(['postgres', 'mysql', 'sqlite']),
    )
  })

  for (const name of fixtures) {
    it(name, () => {
      const dialect = DIALECTS[name.split('-')[0]!]!
      const script = readFileSync(join(DIR, name), 'utf8')
      const client = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as string[]
      const expected = client.map(normalize).filter((sql) => sql !== null)
      const ours = splitStatements(script, dialect).map((s) => normalize(s.sql))
      expect(ours).toEqual(expected)
    })
  }
})
