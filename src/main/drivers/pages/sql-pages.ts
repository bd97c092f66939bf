import { QuarryFailure } from '../../../shared/contract'
import type { TablePage, TableQuery } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import type { DriverConnection, TablePages } from '../driver'
import type { EditDialect } from '../edits/edit-dialect'
import { planTablePage, type PagePlan } from './table-pages'

/**
 * Pages of a SQL engine's tables: the table's key and column types are read fresh for each page
 * (keys and types as the server has them now), then the shared plan, with the engine's binding.
 */
export function sqlTablePages(connection: DriverConnection, dialect: EditDialect): TablePages {
  return {
    async plan(query: TableQuery, page: TablePage, database: string | undefined): Promise<PagePlan> {
      const descriptor = engineOf(dialect.engine)
      const db =
        database ?? (descriptor.capabilities.multipleDatabases ? undefined : (await connection.databases())[0]?.name)
      if (db === undefined) {
        const message = 'Name the database the table is in to page it'
        throw new QuarryFailure({ kind: 'invalid-input', path: 'database', message, engine: dialect.engine })
      }
      const schema = query.schema ?? descriptor.editor.defaultSchema ?? db
      return planTablePage(query, page, await connection.tableSchema(db, schema, query.table), dialect)
    },
  }
}
