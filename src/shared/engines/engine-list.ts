import type { LexicalRules } from '../dialect/lexical-rules'
import type { EngineDescriptor } from './engine-descriptor'
import { DUCKDB } from './duckdb'
import { MONGODB } from './mongodb'
import { MSSQL } from './mssql'
import { MYSQL } from './mysql'
import { POSTGRES } from './postgres'
import { SQLITE } from './sqlite'

/**
 * Every engine Quarry speaks to, in the connection dialog's order: the only list of engines.
 * A new engine is its descriptor here plus its driver folder (main's registry is typed by this list).
 */
export const ENGINES = [POSTGRES, MYSQL, MONGODB, MSSQL, SQLITE, DUCKDB] as const

/** Engines Quarry speaks to. Each is one descriptor here and one folder under src/main/drivers. */
export type EngineId = (typeof ENGINES)[number]['id']

/** Engines whose queries are SQL: their ids name the lexical rules scripts are split by. */
export type SqlEngineId = Extract<(typeof ENGINES)[number], { lexical: LexicalRules }>['id']

/** A descriptor whose id is known to be an engine's. */
export type Engine = EngineDescriptor & { readonly id: EngineId }

/** The list typed as descriptors (for lookups by any fact). */
export const ENGINE_LIST: readonly Engine[] = ENGINES

export const ENGINE_IDS = ENGINES.map((d) => d.id) as [EngineId, ...EngineId[]]

export const isEngineId = (id: string): id is EngineId => (ENGINE_IDS as string[]).includes(id)

/** The descriptor of an engine. */
export function engineOf(id: EngineId): Engine {
  const descriptor = ENGINE_LIST.find((d) => d.id === id)
  // Unreachable for an EngineId; a value from outside the type system (old saved state) lands here.
  if (!descriptor) throw new Error(`Unknown engine "${String(id)}"`)
  return descriptor
}

/** The engine of the embedded sample database. */
export const SAMPLE_ENGINE: EngineId = SQLITE.id

/** The lexical rules of an engine's SQL; null for an engine whose queries are not SQL. */
export const lexicalRulesOf = (id: EngineId): LexicalRules | null => engineOf(id).lexical
