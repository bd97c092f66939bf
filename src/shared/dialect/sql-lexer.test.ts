import { describe, expect, it } from 'vitest'
import { lexicalRulesOf } from '../engines/engine-list'
import type { SqlEngineId } from '../engines/engine-list'
import { sqlTokens } from './sql-lexer'

/** `kind:text` of every token but blanks. */
const lex = (sql: string, engine: SqlEngineId) =>
  [...sqlTokens(sql, lexicalRulesOf(engine)!)]
    .filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}:${sql.slice(t.start, t.end)}${t.closed ? '' : ' (open)'}`)

describe('sql lexer', () => {
  it('reads letters of any script, marks and digits as one word', () => {
    expect(lex('AS éwhere', 'postgres')).toEqual(['word:AS', 'word:éwhere'])
    expect(lex('SELECT 名前, naïve2, x$y', 'sqlite')).toEqual([
      'word:SELECT',
      'word:名前',
      'punct:,',
      'word:naïve2',
      'punct:,',
      'word:x$y',
    ])
    expect(lex('1e5 0xff 3.14', 'mysql')).toEqual(['number:1e5', 'number:0xff', 'number:3.14'])
  })

  it('follows each engine’s comments', () => {
    expect(lex('a # b', 'mysql')).toEqual(['word:a', 'comment:# b'])
    expect(lex('a # b', 'postgres')).toEqual(['word:a', 'punct:#', 'word:b'])
    expect(lex('/* a /* b */ c */ d', 'postgres')).toEqual(['comment:/* a /* b */ c */', 'word:d'])
    expect(lex('/* a /* b */ c */ d', 'mysql')).toEqual([
      'comment:/* a /* b */',
      'word:c',
      'punct:*',
      'punct:/',
      'word:d',
    ])
    expect(lex('/* never closed', 'mssql')).toEqual(['comment:/* never closed (open)'])
    expect(lex('-- to the end', 'sqlite')).toEqual(['comment:-- to the end'])
  })

  it('follows each engine’s strings and quoted names', () => {
    expect(lex("E'a\\'b' 'c\\'", 'postgres')).toEqual(['word:E', "string:'a\\'b'", "string:'c\\'"])
    expect(lex("'a\\'b'", 'mysql')).toEqual(["string:'a\\'b'"])
    expect(lex("$tag$ it's $tag$ $1", 'postgres')).toEqual(["string:$tag$ it's $tag$", 'punct:$', 'number:1'])
    expect(lex('$$x$$', 'mysql')).toEqual(['punct:$', 'variable:$x$$'])
    expect(lex('[a]]b] `c`', 'mssql')).toEqual(['quoted:[a]]b]', 'punct:`', 'word:c', 'punct:`'])
    expect(lex('[a]]b]', 'sqlite')).toEqual(['quoted:[a]', 'punct:]', 'word:b', 'punct:]'])
    expect(lex('[a] "b""c"', 'postgres')).toEqual(['punct:[', 'word:a', 'punct:]', 'quoted:"b""c"'])
    expect(lex("'open", 'sqlite')).toEqual(["string:'open (open)"])
  })

  it('reads variables and temporary names as one token', () => {
    expect(lex('@v #t @@x', 'mssql')).toEqual(['variable:@v', 'variable:#t', 'punct:@', 'variable:@x'])
  })

  it('reads MySQL executable comments as code and -- as a comment only before a blank', () => {
    expect(lex('/*!40014 SET a=1 */ /*M!100616 b */', 'mysql')).toEqual([
      'punct:/*!40014',
      'word:SET',
      'word:a',
      'punct:=',
      'number:1',
      'punct:*',
      'punct:/',
      'punct:/*M!100616',
      'word:b',
      'punct:*',
      'punct:/',
    ])
    expect(lex('/*!40014 x */', 'postgres')).toEqual(['comment:/*!40014 x */'])
    expect(lex('1--1 --\n', 'mysql')).toEqual(['number:1', 'punct:-', 'punct:-', 'number:1', 'comment:--'])
    expect(lex('1--1', 'postgres')).toEqual(['number:1', 'comment:--1'])
  })
})
