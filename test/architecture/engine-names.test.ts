import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ENGINE_IDS } from '../../src/shared/engines/engine-list'

const ROOT = join(import.meta.dirname, '..', '..')
/** Where engine names belong: each engine's driver folder and its descriptor. */
const ALLOWED = ['src/main/drivers/', 'src/shared/engines/']

/** Every string literal (quotes, template text, literal types) that is an engine id, as `line: 'id'`. */
function engineLiterals(source: string, fileName = 'file.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const ids = new Set<string>(ENGINE_IDS)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ids.has(node.text)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1
      found.push(`${line}: '${node.text}'`)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('engine names', () => {
  it('finds engine ids in string literals, template text and literal types, not in names or longer text', () => {
    const source = [
      "const a = engine === 'mysql'",
      'type B = Pick<P, "sqlite">',
      'const c = `mssql`',
      "const d = 'mongodb+srv' + 'postgresql' + `${'x'}postgres`",
      'const e = { postgres: 1 }.postgres',
    ].join('\n')
    expect(engineLiterals(source)).toEqual(["1: 'mysql'", "2: 'sqlite'", "3: 'mssql'"])
  })

  it('no source file outside drivers/ and engines/ names an engine (descriptors hold engine facts)', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path).split(sep).join('/'))
      .filter((path) => !ALLOWED.some((allowed) => path.startsWith(allowed)))
      .flatMap((path) => engineLiterals(readFileSync(join(ROOT, path), 'utf8'), path).map((hit) => `${path}:${hit}`))
    expect(offenders, 'engine ids outside src/main/drivers and src/shared/engines').toEqual([])
  })
})
