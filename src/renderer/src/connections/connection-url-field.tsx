import { useId, useState } from 'react'
import { connectionUrlExample } from '../../../shared/connection-url-example'
import { TID } from '../test-ids'
import { fillFromUrl } from './connection-form'
import type { ConnectionFormValues } from './connection-form'

/**
 * Paste a URL (postgres://, mysql://…) to fill the form: applied on paste, Enter or the button.
 * A URL that does not parse leaves the form as it was and says why; one that does is cleared.
 */
export function ConnectionUrlField(props: {
  values: ConnectionFormValues
  onFill: (values: ConnectionFormValues) => void
}) {
  const id = useId()
  const [text, setText] = useState('')
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const apply = (url: string): void => {
    if (!url.trim()) return setMessage(null)
    const result = fillFromUrl(props.values, url)
    if (!result.ok) return setMessage({ error: true, text: result.error })
    props.onFill(result.values)
    // The URL may hold a password: once it is in the (masked) password field, it leaves the page.
    setText('')
    const note = result.warnings.length ? ` (${result.warnings.join('; ')})` : ''
    setMessage({ error: false, text: `Form filled from the URL${note}` })
  }
  return (
    <div className="connection-url">
      <label htmlFor={id}>URL</label>
      <div className="connection-url-row">
        <input
          id={id}
          data-testid={TID.connectionUrl}
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder={connectionUrlExample(props.values.engine)}
          aria-describedby={message ? `${id}-message` : undefined}
          onChange={(event) => setText(event.target.value)}
          onPaste={(event) => {
            // A pasted URL applies at once; the paste is done here so the text and the form agree.
            event.preventDefault()
            const input = event.currentTarget
            const pasted = event.clipboardData.getData('text')
            const next =
              input.value.slice(0, input.selectionStart ?? 0) + pasted + input.value.slice(input.selectionEnd ?? 0)
            setText(next)
            apply(next)
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            apply(text)
          }}
        />
        <button type="button" data-testid={TID.connectionUrlApply} onClick={() => apply(text)}>
          Fill form
        </button>
      </div>
      {message ? (
        <span
          id={`${id}-message`}
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'field-error' : 'field-note'}
          data-testid={TID.connectionUrlMessage}
        >
          {message.text}
        </span>
      ) : null}
    </div>
  )
}
