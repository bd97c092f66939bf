import type { EngineId } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { formatBlock, PLACEHOLDER_TABLE, type CopyFormat } from '../../../shared/formats/copy-formats'
import type { GridSource } from './grid-model'
import { rectCellCount, type SelectionRect } from './selection-model'

/** Largest selection copied to the clipboard; beyond it, Export writes the rows to a file. */
export const MAX_COPY_CELLS = 2_000_000

/** Where copied SQL INSERTs go: the result's table (already quoted), or null for a placeholder. */
export interface CopyTarget {
  engine: EngineId
  table: string | null
}

export type CopyOutcome = { ok: true; text: string; cells: number } | { ok: false; message: string }

/** The selected block as text in a format; TSV carries a header line only when asked. */
export function copySelection(
  source: GridSource,
  rect: SelectionRect,
  format: CopyFormat,
  target: CopyTarget,
  withHeader = false,
): CopyOutcome {
  const cells = rectCellCount(rect)
  if (cells > MAX_COPY_CELLS) {
    return {
      ok: false,
      message: `${cells.toLocaleString('en-US')} cells are too many to copy (limit ${MAX_COPY_CELLS.toLocaleString('en-US')}): use Export`,
    }
  }
  const columns: string[] = []
  for (let col = rect.col0; col <= rect.col1; col++) columns.push(source.columns[col]?.name ?? `column${col + 1}`)
  const rows: WireValue[][] = []
  for (let row = rect.row0; row <= rect.row1; row++) {
    const values: WireValue[] = []
    for (let col = rect.col0; col <= rect.col1; col++) values.push(source.get(row, col))
    rows.push(values)
  }
  const header = format !== 'tsv' || withHeader
  const table = target.table ?? PLACEHOLDER_TABLE
  return { ok: true, cells, text: formatBlock(format, { columns, rows, header, engine: target.engine, table }) }
}
