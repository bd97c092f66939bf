const CANDIDATES = [',', '\t', ';', '|'] as const

/** Counts `delimiter` per line of `sample` outside double quotes (the last, maybe cut, line dropped). */
function countsPerLine(sample: string, delimiter: string): number[] {
  const counts: number[] = []
  let inQuotes = false
  let count = 0
  for (const ch of sample) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && ch === delimiter) count++
    else if (!inQuotes && ch === '\n') {
      counts.push(count)
      count = 0
    }
  }
  return counts
}

/**
 * The delimiter of a delimited file from its first bytes: among comma, tab, semicolon and pipe, the
 * one found on every line the same number of times (most lines agreeing wins), preferring more
 * fields. A file of one column has none of them: comma.
 */
export function detectDelimiter(sample: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 }
  for (const delimiter of CANDIDATES) {
    const counts = countsPerLine(sample, delimiter)
    if (counts.length === 0) counts.push(sample.split(delimiter).length - 1)
    const first = counts[0] ?? 0
    if (first === 0) continue
    const agreeing = counts.filter((c) => c === first).length / counts.length
    const score = agreeing * 1000 + first
    if (score > best.score) best = { delimiter, score }
  }
  return best.delimiter
}
