import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { inject } from 'vitest'
import { z } from 'zod'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { METHOD_NAMES, methods } from '../../src/shared/contract'
import type { MethodName, Result } from '../../src/shared/contract'
import type { Shape } from './fuzz-values'

/** The real main-process services over a small SQLite sample and a throwaway data dir. */
export function fuzzServices(): { services: AppServices; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-fuzz-'))
  const db = new Database(join(dir, 'sample.db'))
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two');`)
  db.close()
  const services = createAppServices({
    host: 'browser',
    version: 'fuzz',
    sampleDb: join(dir, 'sample.db'),
    sqliteHostScript: inject('sqliteHostScript'),
    dataDir: join(dir, 'data'),
  })
  return {
    services,
    async dispose() {
      await services.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Every method of the contract with the JSON shape of its input (new methods join by themselves). */
export const methodShapes = (): Array<[MethodName, Shape]> =>
  METHOD_NAMES.map((name) => [
    name,
    z.toJSONSchema(methods[name].input, { unrepresentable: 'any', io: 'input' }) as Shape,
  ])

/** Whether the contract accepts this input (the oracle: what the dispatcher must refuse). */
export const accepted = (method: unknown, input: unknown): boolean =>
  typeof method === 'string' &&
  (METHOD_NAMES as readonly string[]).includes(method) &&
  methods[method as MethodName].input.safeParse(input ?? {}).success

const KINDS = ['cancelled', 'connection', 'syntax', 'permission', 'timeout', 'invalid-input', 'not-found', 'internal']

/** Why a value is not a proper Result (or one of the expected kind), or null when it is. */
export function resultProblem(result: unknown, mustRefuse: boolean): string | null {
  if (typeof result !== 'object' || result === null) return `not a Result: ${String(result)}`
  const r = result as Result<unknown>
  if (r.ok === true) return mustRefuse ? 'accepted an input the contract refuses' : null
  if (r.ok !== false) return 'not a Result: no ok flag'
  if (!KINDS.includes(r.error?.kind)) return `unknown error kind ${String(r.error?.kind)}`
  if (typeof r.error.message !== 'string' || r.error.message.length === 0) return 'error without a message'
  if (r.error.message.length > 2000) return `error message of ${r.error.message.length} characters echoes the input`
  if (mustRefuse && r.error.kind !== 'invalid-input') return `refused as ${r.error.kind}, not invalid-input`
  return null
}
