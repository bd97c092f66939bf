import type { Document } from 'mongodb'
import type { WireValue } from '../../../shared/contract'
import type { CellEdit, EditKey, EditRequest, EditStatement, RowChange } from '../../../shared/contract/edit-model'
import { mongoFailure } from './mongodb-errors'
import { ABSENT_VALUE, checkFieldName, fromWireValue } from './mongodb-edit-values'
import type { BsonValue } from './mongodb-shell-bson'
import { shellText } from './mongodb-values'

/** One write of an apply, as BSON, with the _id it concerns (unknown for an insert the server gives one). */
export type MongoWrite =
  | { kind: 'update'; filter: Document; update: Document; id: BsonValue }
  | { kind: 'insert'; document: Document; id: BsonValue | undefined }
  | { kind: 'delete'; filter: Document; id: BsonValue }

/** The writes of a request and the statements the review shows (one per change, same order). */
export interface MongoEditPlan {
  key: EditKey
  collection: string
  writes: MongoWrite[]
  statements: EditStatement[]
}

export const DOCUMENT_ID: EditKey = { columns: ['_id'], source: 'document-id' }

const invalid = (message: string) => mongoFailure('invalid-input', message)

/** A document whose keys are data only (`__proto__` included), as the shell parser builds them. */
const documentOf = (): Document => Object.create(null) as Document

function documentId(original: Record<string, WireValue>): BsonValue {
  const id = original._id === undefined ? undefined : fromWireValue(original._id, '_id')
  if (id === undefined || id === ABSENT_VALUE)
    throw invalid('A document is edited by its _id, and this one was read without it (is _id projected out?)')
  return id
}

/**
 * The filter that matches the document only as the user saw it: its _id, and each guarded field
 * with its original value. Values are compared as whole values in $expr ($eq with $literal): a
 * plain `{ field: value }` would also match an array that merely contains the value, and
 * `{ field: null }` a field that is absent. An absent field is guarded by `$exists: false`.
 */
export function guardFilter(original: Record<string, WireValue>, fields: readonly string[]): Document {
  const filter = documentOf()
  filter._id = documentId(original)
  const equal: Document[] = []
  for (const field of fields) {
    if (field === '_id') continue
    checkFieldName(field)
    const value = original[field] === undefined ? ABSENT_VALUE : fromWireValue(original[field], field)
    if (value === ABSENT_VALUE) {
      filter[field] = { $exists: false }
      continue
    }
    if (value === null) filter[field] = { $exists: true }
    equal.push({ $eq: [`$${field}`, { $literal: value }] })
  }
  if (equal.length > 0) filter.$expr = equal.length === 1 ? equal[0] : { $and: equal }
  return filter
}

function cellValue(field: string, cell: CellEdit) {
  checkFieldName(field)
  if (!('value' in cell))
    throw invalid(`Field "${field}": MongoDB fields have no default value; set a value, null or Absent`)
  return fromWireValue(cell.value, field)
}

function write(change: RowChange): MongoWrite {
  switch (change.op) {
    case 'update': {
      const $set = documentOf()
      const $unset = documentOf()
      for (const [field, cell] of Object.entries(change.set)) {
        if (field === '_id') throw invalid('_id cannot change: delete the document and insert it again instead')
        const value = cellValue(field, cell)
        if (value === ABSENT_VALUE) $unset[field] = ''
        else $set[field] = value
      }
      const update: Document = {}
      if (Object.keys($set).length) update.$set = $set
      if (Object.keys($unset).length) update.$unset = $unset
      if (!update.$set && !update.$unset) throw invalid('An update must change at least one field')
      const filter = guardFilter(change.original, Object.keys(change.set))
      return { kind: 'update', filter, update, id: filter._id }
    }
    case 'insert': {
      const document = documentOf()
      for (const [field, cell] of Object.entries(change.values)) {
        const value = field === '_id' && 'value' in cell ? fromWireValue(cell.value, field) : cellValue(field, cell)
        if (value !== ABSENT_VALUE) document[field] = value
      }
      return { kind: 'insert', document, id: document._id }
    }
    case 'delete': {
      const filter = guardFilter(change.original, Object.keys(change.original))
      return { kind: 'delete', filter, id: filter._id }
    }
  }
}

/**
 * The collation of every filter: simple (binary) comparison, so a collection whose default
 * collation ignores case or accents cannot make a guard match a value that differs.
 */
export const SIMPLE_COLLATION = { locale: 'simple' } as const

const OPTIONS_TEXT = shellText({ collation: SIMPLE_COLLATION })

/** The write as mongosh would run it (Quarry's shell parser reads each argument back to the same BSON). */
export function shellForm(collection: string, w: MongoWrite): string {
  const target = `db.getCollection(${JSON.stringify(collection)})`
  switch (w.kind) {
    case 'update':
      return `${target}.updateOne(${shellText(w.filter)}, ${shellText(w.update)}, ${OPTIONS_TEXT})`
    case 'insert':
      return `${target}.insertOne(${shellText(w.document)})`
    case 'delete':
      return `${target}.deleteOne(${shellText(w.filter)}, ${OPTIONS_TEXT})`
  }
}

/** Plans the writes of a request: each change one guarded write keyed by _id, nothing run. */
export function planMongoEdits(request: EditRequest): MongoEditPlan {
  if (request.keyColumns && (request.keyColumns.length !== 1 || request.keyColumns[0] !== '_id'))
    throw invalid('Documents are identified by _id; another key cannot be chosen')
  const collection = request.target.table
  const writes = request.changes.map(write)
  const statements = writes.map((w, change) => {
    const text = shellForm(collection, w)
    return { change, sql: text, params: [], display: text }
  })
  return { key: DOCUMENT_ID, collection, writes, statements }
}
