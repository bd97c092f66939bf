import type { InferredField } from '../../../shared/contract'

/** Deepest nesting followed and most paths kept: a sample of hostile documents stays bounded. */
const MAX_DEPTH = 20
export const MAX_INFERRED_FIELDS = 2_000

const WRAPPER_TYPES: Record<string, string> = {
  Int32: 'int',
  Double: 'double',
  Long: 'long',
  Decimal128: 'decimal',
  ObjectId: 'objectId',
  Binary: 'binData',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  Code: 'javascript',
  BSONSymbol: 'symbol',
  DBRef: 'dbPointer',
}

/** A value's BSON type as `$type` names it (values read with promoteValues off). */
export function bsonTypeName(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (typeof value === 'bigint') return 'long'
  if (value instanceof Date) return 'date'
  if (Array.isArray(value)) return 'array'
  const type = (value as { _bsontype?: unknown })._bsontype
  if (typeof type === 'string') return WRAPPER_TYPES[type] ?? type
  return 'object'
}

const isDocument = (value: unknown): value is Record<string, unknown> => bsonTypeName(value) === 'object'

/**
 * The field paths of a sample of documents, each with how many documents have it and the types
 * seen there (counted once per document). Documents inside arrays contribute their fields under
 * the array's path (`items.sku`), as MongoDB's dot notation reads them. Ordered as first seen.
 */
export function inferSchema(documents: readonly unknown[]): InferredField[] {
  const fields = new Map<string, { count: number; types: Map<string, number> }>()
  for (const document of documents) {
    const seen = new Map<string, Set<string>>()
    const visit = (value: unknown, path: string, depth: number, inArray: boolean): void => {
      const type = bsonTypeName(value)
      if (!inArray || type !== 'array') note(seen, fields, path, type)
      if (depth >= MAX_DEPTH) return
      if (type === 'array') for (const item of value as unknown[]) visitElement(item, path, depth)
      else if (isDocument(value))
        for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`, depth + 1, false)
    }
    const visitElement = (item: unknown, path: string, depth: number): void => {
      if (isDocument(item))
        for (const [key, child] of Object.entries(item)) visit(child, `${path}.${key}`, depth + 1, true)
    }
    if (!isDocument(document)) continue
    for (const [key, value] of Object.entries(document)) visit(value, key, 0, false)
    for (const [path, types] of seen) {
      const field = fields.get(path)!
      field.count++
      for (const type of types) field.types.set(type, (field.types.get(type) ?? 0) + 1)
    }
  }
  return [...fields].map(([path, { count, types }]) => ({
    path,
    count,
    types: [...types].map(([type, n]) => ({ type, count: n })).sort((a, b) => b.count - a.count),
  }))
}

function note(
  seen: Map<string, Set<string>>,
  fields: Map<string, { count: number; types: Map<string, number> }>,
  path: string,
  type: string,
): void {
  if (!fields.has(path)) {
    if (fields.size >= MAX_INFERRED_FIELDS) return
    fields.set(path, { count: 0, types: new Map() })
  }
  let types = seen.get(path)
  if (!types) seen.set(path, (types = new Set()))
  types.add(type)
}
