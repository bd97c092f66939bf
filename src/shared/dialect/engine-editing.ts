import type { EditorFacts, EngineCapabilities } from '../engines/engine-descriptor'
import { ENGINE_LIST } from '../engines/engine-list'
import type { EngineId, SqlEngineId } from '../engines/engine-list'

/** What the editor needs to know about an engine's language: a view of its descriptor. */
export interface EngineEditing {
  /** How its scripts split into statements (run under cursor, completion); null: not SQL. */
  splitter: SqlEngineId | null
  formatter: EditorFacts['formatter']
  explain: boolean
  explainAnalyze: EngineCapabilities['explainAnalyze']
  defaultSchema: string | null
}

/** Per-engine editing facts, read from the descriptors (src/shared/engines). */
export const ENGINE_EDITING = Object.fromEntries(
  ENGINE_LIST.map((d): [EngineId, EngineEditing] => [
    d.id,
    {
      splitter: d.lexical ? (d.id as SqlEngineId) : null,
      formatter: d.editor.formatter,
      explain: d.capabilities.explain,
      explainAnalyze: d.capabilities.explainAnalyze,
      defaultSchema: d.editor.defaultSchema,
    },
  ]),
) as Record<EngineId, EngineEditing>
