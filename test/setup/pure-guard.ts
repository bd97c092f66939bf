import { relative, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { SERVER_KEYS, serverNeeds } from './server-needs'

const testRoot = resolve(import.meta.dirname, '..')

/**
 * Why the given pure test files may not run as pure tests (one line per need), or null when none
 * of them needs a server: pure tests start no server and run in parallel.
 */
export function pureViolations(files: readonly string[], root: string): string | null {
  const lines = new Set<string>()
  for (const [file, needs] of serverNeeds(files, resolve(root, 'test'))) {
    for (const { need, seenIn } of needs) {
      const what =
        need === 'starts a server' ? 'starts a database server' : `reads inject('${need}') (${SERVER_KEYS[need]})`
      lines.add(`  ${relative(root, file)} ${what}${seenIn === relative(root, file) ? '' : `, in ${seenIn}`}`)
    }
  }
  if (lines.size === 0) return null
  return [
    'Pure tests start no server, but these ask for one:',
    ...lines,
    'Rename such a file to *.engine.test.ts (or move it under test/drivers/) so the engine project runs it.',
  ].join('\n')
}

/** The pure project's global setup: fails the run at once if a selected pure test asks for a server. */
export default async function setup(project: TestProject): Promise<void> {
  const selected = project.vitest.state.getPaths().filter((path) => project.matchesTestGlob(path))
  const files = selected.length > 0 ? selected : (await project.globTestFiles()).testFiles
  const violations = pureViolations(files, resolve(testRoot, '..'))
  if (violations) throw new Error(violations)
}
