import type { EngineId } from '../../../../shared/contract'
import { engineOf } from '../../../../shared/engines/engine-list'

/** Keywords every SQL dialect here shares, offered in expression position. */
const COMMON_KEYWORDS = (
  'SELECT FROM WHERE AND OR NOT IN IS NULL LIKE BETWEEN EXISTS AS DISTINCT JOIN LEFT RIGHT INNER OUTER FULL ' +
  'CROSS ON USING GROUP BY ORDER ASC DESC HAVING LIMIT OFFSET UNION ALL INTERSECT EXCEPT INSERT INTO VALUES ' +
  'UPDATE SET DELETE CREATE TABLE VIEW INDEX DROP ALTER ADD COLUMN PRIMARY KEY FOREIGN REFERENCES DEFAULT ' +
  'CASE WHEN THEN ELSE END WITH RECURSIVE BEGIN COMMIT ROLLBACK TRUE FALSE CAST OVER PARTITION'
).split(' ')

const COMMON_FUNCTIONS = 'count sum avg min max coalesce nullif lower upper length trim replace substr round abs'.split(
  ' ',
)

/** The keywords and functions completion offers for an engine: the common ones and its own. */
export function dialectWords(engine: EngineId): { keywords: string[]; functions: string[] } {
  const own = engineOf(engine).editor.words
  if (!own) return { keywords: [], functions: [] }
  return {
    keywords: [...new Set([...COMMON_KEYWORDS, ...own.keywords])],
    functions: [...new Set([...COMMON_FUNCTIONS, ...own.functions])],
  }
}
