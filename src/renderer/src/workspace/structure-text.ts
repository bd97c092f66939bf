import type { IndexInfo } from '../../../shared/contract'

/** Nullable in one vocabulary everywhere Structure says it. */
export const nullableText = (nullable: boolean): string => (nullable ? 'yes' : 'no')

/**
 * An index's kind: the engine's method (btree, gin, FULLTEXT, ART…), then `partial` for a WHERE
 * and `expression` for a key part that is not a column; '—' when there is nothing to say.
 */
export function indexKind(index: Pick<IndexInfo, 'method' | 'predicate' | 'expressions'>): string {
  const words = [index.method, index.predicate !== null ? 'partial' : null, index.expressions ? 'expression' : null]
  return words.filter((word) => word !== null).join(' · ') || '—'
}
