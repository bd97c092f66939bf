/** Deepest nesting of arrays and objects a client frame may have. */
export const MAX_FRAME_DEPTH = 64
/** Most values (strings, keys, containers, list elements) a client frame may hold. */
export const MAX_FRAME_VALUES = 100_000
/**
 * Most values an `edits.preview`/`edits.apply` frame may hold: 10,000 staged changes of a wide
 * table are a few hundred thousand values (parse + validation of such a frame: see the README).
 */
export const MAX_EDIT_FRAME_VALUES = 1_000_000
/** Methods whose frames may hold up to MAX_EDIT_FRAME_VALUES values. */
const LARGE_FRAME_METHODS: ReadonlySet<string> = new Set(['edits.preview', 'edits.apply'])

/** The most values a frame of `method` (null when unknown) may hold. */
export function frameValueLimit(method: string | null): number {
  return method !== null && LARGE_FRAME_METHODS.has(method) ? MAX_EDIT_FRAME_VALUES : MAX_FRAME_VALUES
}

/**
 * Checks a frame's shape before JSON.parse sees it: parsing 10 MB of nested brackets takes
 * seconds and blocks the event loop (every query and client waits), and no request of the
 * contract needs more than a few levels or a few thousand values. One pass; string contents are
 * skipped with indexOf, so a 10 MB SQL text costs milliseconds. Returns the reason to refuse, or
 * null (which does not mean the text is valid JSON: JSON.parse still decides that).
 */
export function frameShapeProblem(text: string, maxValues = MAX_FRAME_VALUES): string | null {
  let depth = 0
  let values = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x22) {
      i = closingQuote(text, i)
      if (i === -1) return null
      values++
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_FRAME_DEPTH) return `nested deeper than ${MAX_FRAME_DEPTH} levels`
      values++
    } else if (code === 0x5d || code === 0x7d) {
      depth--
    } else if (code === 0x2c) {
      values++
    }
    if (values > maxValues) return `more than ${maxValues} values`
  }
  return null
}

/** Index of the quote that closes the string opened at `open`, or -1 when it never closes. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 0) return at
  }
  return -1
}

/** The id a frame starts with (`{"id":12,…`), read without parsing it, so a refusal can name it. */
export function leadingId(text: string): number | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(text.slice(0, 64))
  return match ? Number(match[1]) : null
}

/**
 * The method a frame names right after its id (`{"id":12,"method":"edits.apply",…`), read without
 * parsing it. Null when the frame is shaped otherwise (it then gets the default value limit).
 */
export function leadingMethod(text: string): string | null {
  const match = /^\s*\{\s*"id"\s*:\s*\d{1,15}\s*,\s*"method"\s*:\s*"([a-zA-Z.]{1,64})"/.exec(text.slice(0, 128))
  return match?.[1] ?? null
}
