import type { Document } from 'mongodb'
import type { ResultColumn, WireValue } from '../../../shared/contract'
import { encodeRows } from '../../../shared/contract'
import type { EncodedRows } from '../../../shared/contract'
import { ABSENT, toWireValue } from './mongodb-values'

/**
 * Documents to grid rows: the columns are the union of the top-level fields seen so far, in the
 * order first seen; a batch that brings new fields appends them (earlier rows stay as they were).
 */
export class DocumentColumns {
  private readonly names: string[] = []
  private readonly index = new Map<string, number>()

  /** `known`: fields already shown, in order (a next page): they keep their places. */
  constructor(known: readonly string[] = []) {
    for (const name of known) {
      if (this.index.has(name)) continue
      this.index.set(name, this.names.length)
      this.names.push(name)
    }
  }

  get columns(): ResultColumn[] {
    return this.names.map((name) => ({ name, type: null }))
  }

  /** Adds the batch's new fields; true if there were any (the stream then yields the longer list). */
  learn(documents: readonly Document[]): boolean {
    const before = this.names.length
    for (const document of documents) {
      for (const name of Object.keys(document)) {
        if (this.index.has(name)) continue
        this.index.set(name, this.names.length)
        this.names.push(name)
      }
    }
    return this.names.length > before
  }

  /** The documents as rows of every column known now; a field a document lacks is ABSENT, not null. */
  encode(documents: readonly Document[]): EncodedRows {
    const rows: WireValue[][] = documents.map((document) =>
      this.names.map((name) => (Object.hasOwn(document, name) ? toWireValue(document[name]) : ABSENT)),
    )
    return encodeRows(rows)
  }
}
