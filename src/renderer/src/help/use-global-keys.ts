import { useEffect, useRef } from 'react'

/**
 * Window-wide shortcuts: F1 (shortcuts help), Ctrl/Cmd+Shift+H (History), Ctrl/Cmd+Shift+T (reopen
 * closed tab), Ctrl/Cmd+P (open anything).
 */
export function useGlobalKeys(handlers: {
  onHelp: () => void
  onHistory: () => void
  onReopenTab: () => void
  onOpenAnything: () => void
}): void {
  const current = useRef(handlers)
  current.current = handlers
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      if (event.key === 'F1' && !mod && !event.altKey) {
        event.preventDefault()
        current.current.onHelp()
      } else if (mod && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'h') {
        event.preventDefault()
        current.current.onHistory()
      } else if (mod && event.shiftKey && !event.altKey && event.key.toLowerCase() === 't') {
        event.preventDefault()
        current.current.onReopenTab()
      } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p') {
        // Not the browser's Print.
        event.preventDefault()
        current.current.onOpenAnything()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
