/**
 * Where each row of a batch's JSON text (`[[…],[…],…]`) starts and ends, so one row can be parsed
 * alone: [start0, end0, start1, end1, …]. One pass over the text, no allocation per row. Null when
 * the text is not an array of arrays/objects (the caller then parses the whole batch).
 */
export function rowOffsets(text: string, rows: number): Uint32Array | null {
  const out = new Uint32Array(rows * 2)
  let depth = 0
  let n = 0
  let inString = false
  if (text.charCodeAt(0) !== 0x5b) return null
  for (let i = 1; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c)
        i++ // backslash: skip the escaped character
      else if (ch === 0x22) inString = false
      continue
    }
    if (ch === 0x22) inString = true
    else if (ch === 0x5b || ch === 0x7b) {
      if (depth === 0) {
        if (n === rows) return null
        out[n * 2] = i
      }
      depth++
    } else if (ch === 0x5d || ch === 0x7d) {
      if (depth === 0) break // the batch's closing bracket
      depth--
      if (depth === 0) out[n++ * 2 + 1] = i + 1
    }
  }
  return n === rows ? out : null
}
