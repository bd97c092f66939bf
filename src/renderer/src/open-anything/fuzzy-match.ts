/** How well a query matches a name: higher is better; null when it does not match. */
export function fuzzyScore(query: string, name: string): number | null {
  const q = query.trim().toLocaleLowerCase()
  if (q === '') return 0
  const text = name.toLocaleLowerCase()
  // A whole substring beats scattered letters; at the start, or at a word start, beats elsewhere.
  const at = text.indexOf(q)
  if (at >= 0) return 1000 - at * 2 - (text.length - q.length) + (at === 0 ? 200 : wordStart(text, at) ? 100 : 0)
  let score = 0
  let from = 0
  let previous = -2
  for (const ch of q) {
    const found = text.indexOf(ch, from)
    if (found < 0) return null
    score += found === previous + 1 ? 8 : wordStart(text, found) ? 6 : 1
    previous = found
    from = found + 1
  }
  return score - (text.length - q.length) / 10
}

/** A word starts here: at the name's start, after _ . - or a space, or at a lower→upper change. */
const wordStart = (text: string, at: number): boolean => at === 0 || /[_.\-\s]/.test(text[at - 1] ?? '')
