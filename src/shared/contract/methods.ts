import { z } from 'zod'
import type { MethodName } from './method-names'
import type { AppInfo, ConnectionSummary, DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from './model'

/** Largest SQL text accepted from the renderer (10 MiB). */
export const MAX_SQL_LENGTH = 10 * 1024 * 1024

const id = z.string().min(1).max(128)
const identifier = z.string().min(1).max(1024)
const connectionRef = { connectionId: id }

/** Phantom marker carrying a method's result type. */
const returns = <T>(): T => undefined as T

/** Input schema (validated in main) and result type of every request. */
export const methods = {
  'app.info': { input: z.object({}).strict(), output: returns<AppInfo>() },
  'connections.list': { input: z.object({}).strict(), output: returns<ConnectionSummary[]>() },
  'connections.serverInfo': {
    input: z.object(connectionRef).strict(),
    output: returns<ServerInfo>(),
  },
  'meta.databases': { input: z.object(connectionRef).strict(), output: returns<DatabaseInfo[]>() },
  'meta.schemas': {
    input: z.object({ ...connectionRef, database: identifier }).strict(),
    output: returns<SchemaInfo[]>(),
  },
  'meta.tables': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier }).strict(),
    output: returns<TableInfo[]>(),
  },
  'meta.tableSchema': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier, table: identifier }).strict(),
    output: returns<TableSchema>(),
  },
  'query.start': {
    input: z
      .object({
        ...connectionRef,
        queryId: id,
        database: identifier.optional(),
        sql: z.string().min(1).max(MAX_SQL_LENGTH),
      })
      .strict(),
    output: returns<{ queryId: string }>(),
  },
  'query.cancel': {
    input: z.object({ queryId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  'query.ack': {
    input: z.object({ queryId: id, seq: z.number().int().min(0) }).strict(),
    output: returns<null>(),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: unknown }>

export type Methods = typeof methods
export type MethodInput<M extends MethodName> = z.infer<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = Methods[M]['output']
