import { WRITE_REFUSED_CODE } from '../../../shared/contract'
import type { QuarryError } from '../../../shared/contract'
import { DANGER_LABELS, dangerousStatements } from '../../../shared/dialect/dangerous-statements'
import type { SqlDialect } from '../../../shared/dialect/split-statements'
import { SAFE_MODE_LEXER_CODE } from './safe-mode-codes'

/** A statement safe mode asks about, as the dialog shows it. */
export interface AskedStatement {
  sql: string
  label: string
  /** DROP, TRUNCATE, or UPDATE/DELETE without a WHERE of its own: the stronger warning. */
  wholesale: boolean
}

/** What safe mode asks after main stopped a run, and what "Run anyway" sends. */
export interface SafeModeQuestion {
  /** 'server': the server refused this statement in read-only mode; 'lexer': SQL Server's hints, nothing ran. */
  judge: 'server' | 'lexer'
  statements: AskedStatement[]
  /** The text "Run anyway" runs, its offset in the editor, and the confirmation it carries. */
  rerun: { sql: string; offset: number; confirm: { confirmedWrite: string } | { confirmedDangerous: true } }
}

const wholesaleOf = (sql: string, dialect: SqlDialect) => dangerousStatements(sql, dialect)[0]?.kind

/**
 * The question for a run that ended in `error`: a statement the server refused as a write (the
 * run's last statement: `refused`), or main's refusal of an unconfirmed script (lexer engines).
 * Null for any other error. `script`/`scriptOffset`: the run's text and where it starts in the editor.
 */
export function safeModeQuestion(
  error: QuarryError | null,
  script: string,
  scriptOffset: number,
  refused: { sql: string; offset: number } | undefined,
  dialect: SqlDialect,
): SafeModeQuestion | null {
  if (error?.code === WRITE_REFUSED_CODE && refused) {
    const kind = wholesaleOf(refused.sql, dialect)
    return {
      judge: 'server',
      statements: [{ sql: refused.sql, label: kind ? DANGER_LABELS[kind] : 'Writes', wholesale: kind !== undefined }],
      rerun: {
        sql: script.slice(refused.offset),
        offset: scriptOffset + refused.offset,
        confirm: { confirmedWrite: refused.sql },
      },
    }
  }
  if (error?.code === SAFE_MODE_LEXER_CODE) {
    const statements = dangerousStatements(script, dialect).map((d) => ({
      sql: d.sql,
      label: DANGER_LABELS[d.kind],
      wholesale: true,
    }))
    return {
      judge: 'lexer',
      statements,
      rerun: { sql: script, offset: scriptOffset, confirm: { confirmedDangerous: true } },
    }
  }
  return null
}
