import { MSSQL } from '../../../shared/engines/mssql'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import type { DriverFacts } from '../lazy-driver'
import { tableQuerySql } from '../table-query-sql'
import { mssqlGraphQueries } from './mssql-graph-sql'
import { mssqlObjectsQuery } from './mssql-objects-sql'

export const MSSQL_CAPABILITIES = MSSQL.capabilities

/** The SQL Server driver as known before mssql/tedious are loaded (see lazyDriver). */
export const MSSQL_FACTS: DriverFacts = {
  engine: 'mssql',
  name: 'SQL Server',
  version: 'mssql (loads on first connect)',
  capabilities: MSSQL_CAPABILITIES,
  quoteIdentifier: (name) => quoteIdentifier('mssql', name),
  dialect: 'mssql',
  objectsQuery: mssqlObjectsQuery,
  schemaGraphQueries: mssqlGraphQueries,
  tableQuery: (query, page) =>
    tableQuerySql(
      query,
      {
        engine: 'mssql',
        dialect: 'mssql',
        quoteIdentifier: (name) => quoteIdentifier('mssql', name),
        placeholder: (n) => `@p${n}`,
        rowLimit: 'offset-fetch',
      },
      page,
    ),
}
