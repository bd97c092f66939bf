let pending: string | null = null

/** Fills the clipboard of a copy this module started (document.execCommand('copy') below). */
function onCopy(e: ClipboardEvent): void {
  if (pending === null || !e.clipboardData) return
  e.clipboardData.setData('text/plain', pending)
  e.preventDefault()
  e.stopImmediatePropagation()
}

let listening = false

/**
 * Puts text on the clipboard from a user gesture (a key press or a menu click). A copy event is
 * used first: it needs no clipboard permission (Electron's window grants none) and works on any
 * origin; navigator.clipboard is the fallback. Resolves true when the text was placed.
 */
export async function copyText(text: string): Promise<boolean> {
  if (!listening) {
    document.addEventListener('copy', onCopy, true)
    listening = true
  }
  pending = text
  try {
    if (document.execCommand('copy')) return true
  } catch {
    // Fall through to the async API.
  } finally {
    pending = null
  }
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
