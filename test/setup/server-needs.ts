import { readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'

/** What the engine project's global setup can give a test, by the `inject()` key that reads it. */
export const SERVER_KEYS = {
  sqliteHostScript: 'the SQLite host build',
  duckdbHostScript: 'the DuckDB host build',
  postgresUrl: 'a PostgreSQL server',
  mysqlServer: 'a MariaDB/MySQL server',
  mssqlUrl: 'a SQL Server',
  mongodbUrl: 'a MongoDB server',
} as const

export type ServerKey = keyof typeof SERVER_KEYS

/** One reason a test file needs a server: what it needs and the file (itself or a helper) that says so. */
export interface ServerNeed {
  /** An inject() key, or `starts a server` for a direct call of a server-starting helper. */
  need: ServerKey | 'starts a server'
  /** Where it was seen, relative to the scanned root. */
  seenIn: string
}

const MODULE_SPECIFIER = /(?:^|[\s;}])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?'(\.{1,2}\/[^']+)'/g
const DYNAMIC_IMPORT = /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g
const INJECT = /\binject\(\s*'(\w+)'\s*\)/g
// Calls (not the definitions) of the helpers that start a database server of their own.
const SERVER_START = /(?<!function\s+)\b(?:startThrowawayServer|startMariadbServer)\s*\(/
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '/index.ts']

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''))
  return EXTENSIONS.map((ext) => base + ext).find((path) => statSync(path, { throwIfNoEntry: false })?.isFile()) ?? null
}

/** The relative modules a file imports for their values (type-only imports load nothing). */
function valueImports(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(MODULE_SPECIFIER)].filter((m) => !m[2]).map((m) => m[3]!)
  specifiers.push(...[...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!))
  return specifiers.flatMap((s) => resolveImport(file, s) ?? [])
}

/**
 * What the given test files need from a server, found by reading them and the test helpers they
 * import (relative imports inside `helperRoot`, followed to any depth; application code is not
 * followed: it never asks vitest for a server). Cheap enough to run before every test run (a few
 * milliseconds), and errs on the side of starting a server: a comment quoting `inject('…')` counts.
 */
export function serverNeeds(testFiles: readonly string[], helperRoot: string): Map<string, ServerNeed[]> {
  const direct = new Map<string, { needs: ServerNeed[]; imports: string[] }>()
  const within = helperRoot.endsWith(sep) ? helperRoot : helperRoot + sep
  const read = (file: string) => {
    let entry = direct.get(file)
    if (entry) return entry
    const text = readFileSync(file, 'utf8')
    const seenIn = relative(dirname(helperRoot), file)
    const needs: ServerNeed[] = [...text.matchAll(INJECT)]
      .filter((m) => m[1]! in SERVER_KEYS)
      .map((m) => ({ need: m[1] as ServerKey, seenIn }))
    if (SERVER_START.test(text)) needs.push({ need: 'starts a server', seenIn })
    entry = { needs, imports: valueImports(file, text).filter((path) => path.startsWith(within)) }
    direct.set(file, entry)
    return entry
  }
  const result = new Map<string, ServerNeed[]>()
  for (const testFile of testFiles) {
    const seen = new Set([testFile])
    const queue = [testFile]
    const needs: ServerNeed[] = []
    for (let file = queue.shift(); file; file = queue.shift()) {
      const entry = read(file)
      needs.push(...entry.needs)
      for (const next of entry.imports) {
        if (seen.has(next)) continue
        seen.add(next)
        queue.push(next)
      }
    }
    result.set(testFile, needs)
  }
  return result
}

/** The inject() keys any of the given files needs. */
export function neededKeys(needs: Map<string, ServerNeed[]>): Set<ServerKey> {
  const keys = new Set<ServerKey>()
  for (const list of needs.values()) for (const { need } of list) if (need !== 'starts a server') keys.add(need)
  return keys
}
