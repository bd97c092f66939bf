import { useEffect, useRef } from 'react'

/** Window-wide shortcuts: F1 (shortcuts help) and Ctrl/Cmd+Shift+H (History). */
export function useGlobalKeys(handlers: { onHelp: () => void; onHistory: () => void }): void {
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
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
