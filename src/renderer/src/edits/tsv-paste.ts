/** A pasted cell: its text, or null for an empty unquoted field (how Copy writes NULL). */
export type PastedCell = string | null

/**
 * Clipboard text from a spreadsheet or Quarry's own Copy (TSV) as rows of cells. Quoted fields
 * may hold tabs, line breaks and doubled quotes; an empty field is NULL and `""` the empty string,
 * as Copy writes them, so a copied block pastes back as the same values. A final line break ends
 * the last row rather than adding an empty one.
 */
export function parseTsv(text: string): PastedCell[][] {
  const rows: PastedCell[][] = []
  let row: PastedCell[] = []
  let at = 0
  const body = text.replace(/\r?\n$/, '')
  if (body === '') return [[null]]
  while (at <= body.length) {
    let cell: PastedCell
    if (body[at] === '"') {
      let value = ''
      at++
      while (at < body.length) {
        if (body[at] === '"' && body[at + 1] === '"') {
          value += '"'
          at += 2
        } else if (body[at] === '"') {
          at++
          break
        } else value += body[at++]
      }
      // Text after a closing quote belongs to the field as written (a spreadsheet's lenient reading).
      while (at < body.length && body[at] !== '\t' && body[at] !== '\n' && body[at] !== '\r') value += body[at++]
      cell = value
    } else {
      let end = at
      while (end < body.length && body[end] !== '\t' && body[end] !== '\n' && body[end] !== '\r') end++
      const value = body.slice(at, end)
      cell = value === '' ? null : value
      at = end
    }
    row.push(cell)
    if (at >= body.length) break
    if (body[at] === '\t') at++
    else {
      at += body[at] === '\r' && body[at + 1] === '\n' ? 2 : 1
      rows.push(row)
      row = []
    }
  }
  rows.push(row)
  return rows
}
