import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pureViolations } from './pure-guard'
import { neededKeys, serverNeeds } from './server-needs'

// Spelled in pieces so that the pure project's guard, reading this file, sees no server request in it.
const inject = 'inj' + 'ect'
const startServer = 'startMariadb' + 'Server'
const repo = resolve(import.meta.dirname, '../..')
const fixture = mkdtempSync(join(tmpdir(), 'quarry-server-needs-'))
afterAll(() => rmSync(fixture, { recursive: true, force: true }))

function write(path: string, text: string): string {
  const file = join(fixture, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

describe('which servers a test file needs', () => {
  write('test/helpers/pg.ts', `import { inject } from 'vitest'\nexport const url = () => ${inject}('postgresUrl')\n`)
  write('test/helpers/both.ts', "export * from './pg'\nimport { x } from './cycle'\nexport const y = x\n")
  write('test/helpers/cycle.ts', "import { y } from './both'\nexport const x = 1\nexport const z = y\n")
  write('test/helpers/typed.ts', `export type T = ReturnType<typeof inject<'mysqlServer'>>\n${inject}('mysqlServer')\n`)
  write('test/helpers/server.ts', `export async function ${startServer}() {}\n`)
  write('src/app.ts', `${inject}('mongodbUrl')\n`)

  it('follows helper imports at any depth, through cycles, and names where it saw the need', () => {
    const file = write('test/a.test.ts', "import { y } from './helpers/both'\n")
    const needs = serverNeeds([file], join(fixture, 'test')).get(file)
    expect(needs).toEqual([{ need: 'postgresUrl', seenIn: 'test/helpers/pg.ts' }])
  })

  it('does not follow type-only imports, application code, or calls of unknown keys', () => {
    const file = write(
      'test/b.test.ts',
      `import type { T } from './helpers/typed'\nimport '../src/app'\n${inject}('somethingElse')\n`,
    )
    expect(serverNeeds([file], join(fixture, 'test')).get(file)).toEqual([])
  })

  it('counts dynamic imports and direct server starts, not the helper that defines them', () => {
    const file = write(
      'test/c.test.ts',
      `import { ${startServer} } from './helpers/server'\nconst m = await import('./helpers/typed')\nawait ${startServer}()\n`,
    )
    const needs = serverNeeds([file], join(fixture, 'test')).get(file)
    expect(needs).toEqual([
      { need: 'starts a server', seenIn: 'test/c.test.ts' },
      { need: 'mysqlServer', seenIn: 'test/helpers/typed.ts' },
    ])
    expect([...neededKeys(new Map([[file, needs!]]))]).toEqual(['mysqlServer'])
  })

  it("reads this repository's engine tests as using the servers they do", () => {
    const at = (path: string) => resolve(repo, path)
    const files = ['test/drivers/postgres/postgres-catalog.test.ts', 'test/drivers/streaming.test.ts']
    const needs = serverNeeds(files.map(at), at('test'))
    expect(neededKeys(new Map([[at(files[0]!), needs.get(at(files[0]!))!]]))).toEqual(new Set(['postgresUrl']))
    expect(neededKeys(needs)).toEqual(
      new Set(['postgresUrl', 'sqliteHostScript', 'mysqlServer', 'mssqlUrl', 'mongodbUrl', 'duckdbHostScript']),
    )
  })
})

describe('the pure project guard', () => {
  it('passes files that need no server', () => {
    const file = write('test/pure.test.ts', "import { expect } from 'vitest'\n")
    expect(pureViolations([file], fixture)).toBeNull()
  })

  it('names each file that asks for a server, what it asks for, and what to do', () => {
    const file = write('test/d.test.ts', "import { url } from './helpers/pg'\n")
    expect(pureViolations([file], fixture)).toBe(
      [
        'Pure tests start no server, but these ask for one:',
        `  test/d.test.ts reads ${inject}('postgresUrl') (a PostgreSQL server), in test/helpers/pg.ts`,
        'Rename such a file to *.engine.test.ts (or move it under test/drivers/) so the engine project runs it.',
      ].join('\n'),
    )
  })
})
