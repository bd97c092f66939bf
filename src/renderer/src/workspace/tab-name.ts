/** Longest name a tab may be given. */
export const MAX_TAB_TITLE = 120

/** The name a rename leaves: trimmed, one line, at most MAX_TAB_TITLE characters; null keeps the old one. */
export function renamedTitle(text: string): string | null {
  const name = text.replace(/\s+/g, ' ').trim().slice(0, MAX_TAB_TITLE)
  return name === '' ? null : name
}
