/**
 * A short hash of what a layout depends on (the boxes' names and sizes, and the relationships), so
 * a saved automatic layout is reused only for the same graph. Two 32-bit FNV-1a hashes, hex.
 */
export function graphHash(
  sizes: ReadonlyMap<string, { width: number; height: number }>,
  edges: readonly { source: string; target: string }[],
): string {
  const parts = [...sizes].map(([name, s]) => `${name}\u0001${s.width}\u0001${s.height}`).sort()
  parts.push('\u0002', ...edges.map((e) => `${e.source}\u0001${e.target}`).sort())
  const text = parts.join('\u0000')
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
