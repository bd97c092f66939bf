import { ENGINE_IDS, ENGINE_LIST, engineOf, isEngineId } from '../engines/engine-list'

export { SAMPLE_ENGINE } from '../engines/engine-list'
import type { EngineDescriptor } from '../engines/engine-descriptor'
import type { Engine, EngineId } from '../engines/engine-list'
import type { MssqlEncrypt, SslMode } from './model'

export type {
  EngineDescriptor,
  EngineTarget,
  EngineCapabilities,
  FileFilter,
  UrlStyle,
} from '../engines/engine-descriptor'

/** Engines a connection can be saved for, in the dialog's order (every engine; see engines/engine-list). */
export const CONNECTABLE_ENGINES: readonly Engine[] = ENGINE_LIST

export type ConnectableEngine = EngineId

export const CONNECTABLE_ENGINE_IDS = ENGINE_IDS

/** TLS modes in the order the dialog offers them (libpq's names). */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const satisfies SslMode[]

/** SQL Server's encryption settings in the order the dialog offers them. */
export const MSSQL_ENCRYPT_MODES = ['optional', 'mandatory', 'strict'] as const satisfies MssqlEncrypt[]

/** The TLS mode of a profile that names none: what libpq does by default. */
export const DEFAULT_SSL_MODE: SslMode = 'prefer'

/** How long a connect may take when a profile does not say. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const MIN_CONNECT_TIMEOUT_MS = 1_000
export const MAX_CONNECT_TIMEOUT_MS = 300_000

/** The descriptor of an engine (src/shared/engines). */
export const engineDescriptor = (engine: EngineId): Engine => engineOf(engine)

/** What an engine's editor takes (SQL unless its descriptor says otherwise). */
export const queryLanguageOf = (engine: EngineId): EngineDescriptor['queryLanguage'] => engineOf(engine).queryLanguage

export const isConnectableEngine = (engine: string): engine is ConnectableEngine => isEngineId(engine)

/** Whether an engine's connection form has one of the fields only some engines have. */
export const hasField = (engine: EngineId, field: NonNullable<EngineDescriptor['extraFields']>[number]): boolean =>
  engineOf(engine).extraFields?.includes(field) ?? false
