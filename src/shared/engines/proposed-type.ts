import type { ColumnProfile, ValueKind } from '../contract/import-model'
import type { ImportFacts } from './engine-descriptor'

/** The column type an engine's descriptor proposes for a profiled column of a new table. */
export function proposedType(
  facts: ImportFacts,
  column: Pick<ColumnProfile, 'kind' | 'precision' | 'scale' | 'maxLength'>,
): string {
  const t = facts.types
  const kind: ValueKind = column.kind
  switch (kind) {
    case 'decimal':
      return column.precision <= t.maxPrecision
        ? t.decimal.replace('{p}', String(column.precision)).replace('{s}', String(column.scale))
        : t.wideDecimal
    case 'text': {
      const n = Math.max(1, column.maxLength)
      return n <= t.maxVarchar ? t.varchar.replace('{n}', String(n)) : t.text
    }
    default:
      return t[kind]
  }
}
