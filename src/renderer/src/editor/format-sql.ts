import { format } from 'sql-formatter'
import type { EngineId } from '../../../shared/contract'
import { ENGINE_EDITING } from '../../../shared/dialect/engine-editing'

/** Formats SQL in the engine's dialect (sql-formatter); keywords keep the case they were typed in. */
export function formatSql(sql: string, engine: EngineId): { ok: true; sql: string } | { ok: false; message: string } {
  const language = ENGINE_EDITING[engine].formatter
  if (language === null) return { ok: false, message: 'This engine has no SQL formatter' }
  try {
    return { ok: true, sql: format(sql, { language, keywordCase: 'preserve', tabWidth: 2 }) }
  } catch (error) {
    // sql-formatter refuses text it cannot parse; the editor is left as it was.
    return {
      ok: false,
      message: `Could not format: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    }
  }
}
