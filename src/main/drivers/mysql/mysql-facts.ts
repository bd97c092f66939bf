import { MYSQL } from '../../../shared/engines/mysql'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import type { DriverFacts } from '../lazy-driver'
import { packageVersion } from '../package-version'
import { tableQuerySql } from '../table-query-sql'
import { mysqlExplainer } from './mysql-explain'
import { mysqlGraphAroundQueries, mysqlGraphQueries } from './mysql-graph-sql'
import { mysqlObjectsQuery } from './mysql-objects-sql'

// `?` placeholders, bound by the stream as hex literals (see mysql-params.ts).
const TABLE_SQL = {
  engine: 'mysql',
  dialect: 'mysql',
  placeholder: () => '?',
  quoteIdentifier: (name: string) => quoteIdentifier('mysql', name),
} as const

/** The MySQL/MariaDB driver as known before mysql2 is loaded (see lazyDriver): nothing here imports mysql2. */
export const MYSQL_FACTS: DriverFacts = {
  engine: 'mysql',
  name: 'MySQL / MariaDB',
  version: `mysql2 ${packageVersion('mysql2')}`,
  capabilities: MYSQL.capabilities,
  quoteIdentifier: TABLE_SQL.quoteIdentifier,
  dialect: 'mysql',
  explain: mysqlExplainer,
  tableQuery: (query, page) => tableQuerySql(query, TABLE_SQL, page),
  objectsQuery: mysqlObjectsQuery,
  schemaGraphQueries: mysqlGraphQueries,
  schemaGraphAroundQueries: mysqlGraphAroundQueries,
}
