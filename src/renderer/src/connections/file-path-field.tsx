import { useState } from 'react'
import { engineDescriptor } from '../../../shared/contract'
import { TID } from '../test-ids'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { browseInto, TYPED_PATH_NOTE } from './file-picker'
import type { FilePicker } from './file-picker'
import { Field, textBinder } from './form-field'

/** A file engine's File field: the path, typed or chosen with Browse… (desktop), and its notes. */
export function FilePathField(props: {
  values: ConnectionFormValues
  errors: FormErrors
  onChange: (values: ConnectionFormValues) => void
  /** Null while the host is not known yet. */
  picker: FilePicker | null
}) {
  const { values, errors, onChange, picker } = props
  const [browseError, setBrowseError] = useState<string | null>(null)
  const text = textBinder(values, errors, onChange)
  const fileHint = engineDescriptor(values.engine)?.fileHint
  const browse = async (): Promise<void> => {
    if (picker?.kind !== 'native') return
    setBrowseError(null)
    const outcome = await browseInto(values, picker.choose)
    if ('error' in outcome) setBrowseError(outcome.error.message)
    else if (outcome.values !== values) onChange(outcome.values)
  }
  return (
    <>
      <Field label="File" error={errors.file ?? browseError ?? undefined} field="file">
        {(control) => (
          <div className="file-path-row">
            <input
              {...control}
              {...text('file', TID.connectionFile, {
                placeholder: fileHint?.placeholder ?? '/path/to/database.db',
                spellCheck: false,
              })}
            />
            {picker?.kind === 'native' && engineDescriptor(values.engine)?.files ? (
              <button
                type="button"
                data-testid={TID.connectionFileBrowse}
                onClick={() => void browse()}
                title="Choose the file in the system's open dialog"
              >
                Browse…
              </button>
            ) : null}
          </div>
        )}
      </Field>
      {fileHint?.note ? <p className="field-note">{fileHint.note}</p> : null}
      {picker?.kind === 'typed' ? (
        <p className="field-note" data-testid={TID.connectionFileNote}>
          {TYPED_PATH_NOTE}
        </p>
      ) : null}
    </>
  )
}
