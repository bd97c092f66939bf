import type {
  DatabaseInfo,
  EncodedRows,
  QuarryError,
  ResultColumn,
  SchemaInfo,
  TableInfo,
  TableSchema,
} from '../../../shared/contract'

/** One request a host answers: its parameters and its result. */
export interface HostMethodShape {
  params: unknown
  result: unknown
}

/** A host's request table, keyed by method name. */
export type HostMethodTable<Methods> = { [M in keyof Methods]: HostMethodShape }

export type NoParams = Record<string, never>

/** The catalog requests every engine host answers the same way. */
export interface CatalogMethods {
  ping: { params: NoParams; result: null }
  version: { params: NoParams; result: string }
  'meta.databases': { params: NoParams; result: DatabaseInfo[] }
  'meta.schemas': { params: { database: string }; result: SchemaInfo[] }
  'meta.tables': { params: { database: string; schema: string }; result: TableInfo[] }
  'meta.tableSchema': { params: { database: string; schema: string; table: string }; result: TableSchema }
}

/** What a host's `query.open` learned about the statement. */
export type QueryOpened =
  { reader: true; columns: ResultColumn[] } | { reader: false; columns: ResultColumn[]; affectedRows: number }

/** Up to `size` rows, already encoded by the host; done when the result is exhausted (and closed). */
export interface QueryBatch {
  rows: EncodedRows
  count: number
  done: boolean
}

export type MethodOf<Methods> = keyof Methods & string
export type ParamsOf<Methods, M extends keyof Methods> = Methods[M] extends HostMethodShape
  ? Methods[M]['params']
  : never
export type ResultOf<Methods, M extends keyof Methods> = Methods[M] extends HostMethodShape
  ? Methods[M]['result']
  : never

/** A request message, main → host. */
export type HostRequestOf<Methods> = {
  [M in MethodOf<Methods>]: { id: number; method: M; params: ParamsOf<Methods, M> }
}[MethodOf<Methods>]

/** The host's first message: it is listening, and which library versions it loaded. */
export interface HostReadyBase {
  type: 'ready'
  libraryVersion: string
}

/** The answer to one request, host → main. */
export type HostResponse =
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: QuarryError }

export type HostMessageOf<Ready extends HostReadyBase> = Ready | HostResponse
