/** A count with its noun, as a label says it: "1 row", "2,400 rows", "1 key", "0 keys". */
export function countText(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`
}
