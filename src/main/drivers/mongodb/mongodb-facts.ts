import { MONGODB } from '../../../shared/engines/mongodb'
import type { DriverFacts } from '../lazy-driver'
import { packageVersion } from '../package-version'
import { mongodbTableQuery } from './mongodb-table-query'

/**
 * The MongoDB driver as known before the mongodb package is loaded (see lazyDriver). Queries are shell
 * commands, parsed, never run as code: names are quoted as JSON strings, as mongosh writes
 * db.getCollection("…"), and scripts are split by the shell parser (no SQL dialect).
 */
export const MONGODB_FACTS: DriverFacts = {
  engine: 'mongodb',
  name: 'MongoDB',
  version: `mongodb ${packageVersion('mongodb')}`,
  capabilities: MONGODB.capabilities,
  quoteIdentifier: (name) => JSON.stringify(name),
  dialect: null,
  tableQuery: mongodbTableQuery,
}
