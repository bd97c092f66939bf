import { QuarryFailure } from '../../shared/contract'
import type { ConnectionSummary, EngineId } from '../../shared/contract'
import { DANGER_LABELS, dangerousStatements } from '../../shared/dialect/dangerous-statements'
import { splitStatements } from '../../shared/dialect/split-statements'
import type { SqlDialect } from '../../shared/dialect/split-statements'
import type { Driver, ReadOnlyGuard } from '../drivers/driver'
import { engineOf } from '../../shared/engines/engine-list'

/** Whether the engine's server judges writes (its driver honours `readOnlyGuard`). */
const serverJudgesWrites = (driver: Driver): boolean => engineOf(driver.engine).capabilities.serverJudgesWrites

/** The error code of a statement safe mode refused because it was not confirmed (lexer engines). */
export const SAFE_MODE_CODE = 'QUARRY_SAFE_MODE'

/**
 * Safe mode's guard where the server cannot judge (SQL Server): the lexer's hints. The renderer
 * asks the user first, and says so with `confirmedDangerous`; a request without it is refused here.
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

/** What the user confirmed for a run: the lexer's list (SQL Server), or the one statement the server refused. */
export interface SafeModeConfirmation {
  confirmedDangerous?: boolean
  /** The exact text of the statement the server refused: the run must start with it. */
  confirmedWrite?: string
}

/**
 * How a run goes under safe mode. Engines whose server judges writes run read-only (the guard),
 * except the first statement when it is the one the user confirmed; the others fall back to the
 * lexer. A read-only connection needs no guard: its server refuses every write anyway.
 */
export function safeModeGuard(
  driver: Driver,
  connection: Pick<ConnectionSummary, 'safeMode' | 'readOnly'>,
  sql: string,
  confirmation: SafeModeConfirmation,
): ReadOnlyGuard | undefined {
  if (!connection.safeMode || !driver.dialect) return undefined
  if (!serverJudgesWrites(driver)) {
    if (!confirmation.confirmedDangerous) refuseUnconfirmedDanger(sql, driver.dialect, driver.engine)
    return undefined
  }
  if (connection.readOnly) return undefined
  if (confirmation.confirmedWrite === undefined) return {}
  const first = splitStatements(sql, driver.dialect)[0]
  if (first?.sql.trim() !== confirmation.confirmedWrite.trim()) {
    const message = 'The confirmed statement is not the first statement of the run: nothing was run'
    throw new QuarryFailure({ kind: 'invalid-input', path: 'confirmedWrite', message, engine: driver.engine })
  }
  return { allowWriteAt: 0 }
}

/**
 * How a statement that is run again (Export) or run to be measured (EXPLAIN ANALYZE under safe
 * mode) is guarded: read-only where the server can judge; under safe mode elsewhere, only what
 * the lexer finds harmless (there is no confirmation for these).
 */
export function rerunGuard(
  driver: Driver,
  connection: Pick<ConnectionSummary, 'safeMode'>,
  sql: string,
): ReadOnlyGuard | undefined {
  if (serverJudgesWrites(driver)) return {}
  if (connection.safeMode && driver.dialect) refuseUnconfirmedDanger(sql, driver.dialect, driver.engine)
  return undefined
}
