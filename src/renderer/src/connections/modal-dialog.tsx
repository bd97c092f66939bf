import { useEffect, useId, useRef } from 'react'
import type { ReactNode } from 'react'

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert and draws
 * it in the top layer. Esc asks the owner to close rather than closing behind React's back.
 */
export function ModalDialog(props: {
  title: string
  testId: string
  className?: string
  onClose: () => void
  children: ReactNode
}) {
  const { title, testId, className, onClose, children } = props
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
