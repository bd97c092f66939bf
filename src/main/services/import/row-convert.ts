import type { ImportColumn } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import type { Row } from './batch-writer'
import type { ImportRecord } from './delimited-parser'
import { columnConverter, INVALID, type ColumnConverter } from './value-convert'

/**
 * A file record turned into the row written for the plan's columns, every converter compiled once.
 * Where the columns are the record's fields in order and no value changes (text, canonical numbers,
 * timestamps already in ISO form), the record itself is the row: nothing is copied.
 */
export class RowConverter {
  /** Why the last record `convert` refused was refused. */
  reason = ''
  private readonly sources: number[]
  private readonly converters: (ColumnConverter | null)[]
  private readonly identity: boolean

  constructor(
    private readonly columns: readonly ImportColumn[],
    facts: ImportFacts,
  ) {
    this.sources = columns.map((c) => c.source)
    this.converters = columns.map((c) => (c.kind === 'text' ? null : columnConverter(c, facts)))
    this.identity = this.sources.every((source, i) => source === i)
  }

  /** The row to write, or INVALID (`reason` then says which column and why). */
  convert(record: ImportRecord): Row | typeof INVALID {
    const { sources, converters } = this
    const width = sources.length
    const shared = this.identity && record.length === width
    let values: Row = shared ? record : new Array<string | null>(width)
    for (let c = 0; c < width; c++) {
      const raw = record[sources[c]!] ?? null
      const converter = converters[c]
      const value = converter ? converter.convert(raw) : raw
      if (value === INVALID) {
        const column = this.columns[c]!
        this.reason = `${column.target}: ${converter!.reason(raw ?? '')}`
        return INVALID
      }
      if (!shared) values[c] = value
      else if (value !== raw) {
        // A changed value: the record stays as read (a rejects file shows it), the row is a copy.
        if (values === record) values = record.slice()
        values[c] = value
      }
    }
    return values
  }
}
