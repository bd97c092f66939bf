import { RowBatchWriter } from '../../../shared/contract'
import type { EncodedRows } from '../../../shared/contract'
import { RawDataRow } from './postgres-raw-rows'
import { cellOf, writeCell, writeTextCell } from './postgres-values'
import type { PgCell } from './postgres-values'

/** A DataRow as pg decodes it: the text of each field, null for NULL. */
export interface TextDataRow {
  fields: (string | null)[]
}

/**
 * One result's rows into row batches: each DataRow's cells go straight from the message's bytes
 * (see keepRowBytes) into the batch's column buffers, which are kept from batch to batch. A row
 * pg has decoded already (a client without the hook, a test) is written from its text.
 */
export class PgRowWriter {
  private readonly cells: PgCell[]
  private readonly writer: RowBatchWriter

  constructor(types: readonly { dataTypeID: number }[]) {
    this.cells = types.map((field) => cellOf(field.dataTypeID))
    this.writer = new RowBatchWriter(types.length)
  }

  /** Rows written since the last batch. */
  get rowCount(): number {
    return this.writer.rowCount
  }

  row(message: RawDataRow | TextDataRow): void {
    const { cells, writer } = this
    if (message instanceof RawDataRow) {
      const { bytes } = message
      let at = message.start + 2 // past the Int16 field count
      for (let i = 0; i < cells.length; i++) {
        const length = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!
        at += 4
        if (length < 0) writer.null()
        else {
          writeCell(writer, cells[i]!, bytes, at, at + length)
          at += length
        }
      }
    } else {
      const { fields } = message
      for (let i = 0; i < cells.length; i++) {
        const text = fields[i]
        if (typeof text === 'string') writeTextCell(writer, cells[i]!, text)
        else writer.null()
      }
    }
    writer.endRow()
  }

  /** The rows written since the last batch, as one batch (null when there are none). */
  take(): EncodedRows | null {
    return this.writer.rowCount > 0 ? this.writer.finish() : null
  }
}
