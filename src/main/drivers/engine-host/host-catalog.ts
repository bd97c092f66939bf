import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { CatalogMethods, MethodOf, ParamsOf, ResultOf } from './host-messages'

/** Answers one catalog request (through a RespawningHost's read). */
export type CatalogRead = <M extends keyof CatalogMethods>(
  method: M,
  params: CatalogMethods[M]['params'],
) => Promise<CatalogMethods[M]['result']>

/**
 * The catalog half of a connection whose engine runs in a host process: every call is one host
 * request of the same name (see CatalogMethods), so each engine's connection only adds streaming.
 */
export abstract class HostCatalog {
  constructor(
    private readonly read: CatalogRead,
    private readonly describe: (engineVersion: string) => ServerInfo,
  ) {}

  async ping(): Promise<void> {
    await this.read('ping', {})
  }

  version(): Promise<string> {
    return this.read('version', {})
  }

  async serverInfo(): Promise<ServerInfo> {
    return this.describe(await this.version())
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.read('meta.databases', {})
  }

  schemas(database: string): Promise<SchemaInfo[]> {
    return this.read('meta.schemas', { database })
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.read('meta.tables', { database, schema })
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.read('meta.tableSchema', { database, schema, table })
  }
}

/** The slice of a RespawningHost a catalog reads through. */
interface Reads<Methods> {
  read<M extends MethodOf<Methods>>(method: M, params: ParamsOf<Methods, M>): Promise<ResultOf<Methods, M>>
}

/**
 * A host's catalog requests as CatalogRead: every engine's request table extends CatalogMethods,
 * so the same names take the same parameters (TypeScript cannot see through the generic lookup).
 */
export const catalogReader = <Methods extends CatalogMethods>(host: Reads<Methods>): CatalogRead =>
  ((method: MethodOf<Methods>, params: never) => host.read(method, params)) as CatalogRead
