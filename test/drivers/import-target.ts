import type { DriverConnection } from '../../src/main/drivers/driver'
import type { ImportTarget } from '../../src/main/services/import/import-runner'
import { engineOf } from '../../src/shared/engines/engine-list'
import type { EngineHarness } from '../helpers/engine-harness'

/** An import's target on a harness's engine: the connection, its quoting, and the engine's import facts. */
export function importTarget(harness: EngineHarness, connection: DriverConnection): ImportTarget {
  const descriptor = engineOf(harness.engine)
  return {
    connection,
    quote: (n) => harness.driver().quoteIdentifier(n),
    facts: descriptor.import!,
    transactions: descriptor.transactions!,
  }
}
