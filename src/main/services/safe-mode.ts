import { QuarryFailure } from '../../shared/contract'
import type { EngineId } from '../../shared/contract'
import { DANGER_LABELS, dangerousStatements } from '../../shared/dialect/dangerous-statements'
import type { SqlDialect } from '../../shared/dialect/split-statements'

/** The error code of a statement safe mode refused because it was not confirmed. */
export const SAFE_MODE_CODE = 'QUARRY_SAFE_MODE'

/**
 * Safe mode's guard in main: the renderer asks the user first, and says so with
 * `confirmedDangerous`; a request without it (another client, or a renderer bug) is refused here.
 */
export function refuseUnconfirmedDanger(sql: string, dialect: SqlDialect, engine: EngineId): void {
  const [first, ...rest] = dangerousStatements(sql, dialect)
  if (!first) return
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : ''
  throw new QuarryFailure({
    kind: 'permission',
    code: SAFE_MODE_CODE,
    engine,
    position: first.offset + 1,
    message: `Safe mode: ${DANGER_LABELS[first.kind]}${more} was not confirmed, so nothing was run`,
  })
}
