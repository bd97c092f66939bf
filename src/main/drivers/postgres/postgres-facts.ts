import { POSTGRES } from '../../../shared/engines/postgres'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import type { DriverFacts } from '../lazy-driver'
import { packageVersion } from '../package-version'
import { tableQuerySql } from '../table-query-sql'
import { postgresExplainer } from './postgres-explain'
import { postgresGraphAroundQueries, postgresGraphQueries } from './postgres-graph-sql'
import { postgresObjectsQuery } from './postgres-objects-sql'

const TABLE_SQL = {
  engine: 'postgres',
  dialect: 'postgres',
  placeholder: (n: number) => `$${n}`,
  quoteIdentifier: (name: string) => quoteIdentifier('postgres', name),
} as const

/** The PostgreSQL driver as known before pg is loaded (see lazyDriver): nothing here imports pg. */
export const POSTGRES_FACTS: DriverFacts = {
  engine: 'postgres',
  name: 'PostgreSQL',
  version: `pg ${packageVersion('pg')}`,
  capabilities: POSTGRES.capabilities,
  quoteIdentifier: TABLE_SQL.quoteIdentifier,
  dialect: 'postgres',
  explain: postgresExplainer,
  tableQuery: (query, page) => tableQuerySql(query, TABLE_SQL, page),
  objectsQuery: postgresObjectsQuery,
  schemaGraphQueries: postgresGraphQueries,
  schemaGraphAroundQueries: postgresGraphAroundQueries,
}
