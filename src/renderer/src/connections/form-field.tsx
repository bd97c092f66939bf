import { useId } from 'react'
import type { ReactNode } from 'react'
import { TID } from '../test-ids'
import type { ConnectionFormValues, FormErrors, FormField } from './connection-form'

/** What a field gives its control: the id its label points at, and its error's id. */
export interface FieldControl {
  id: string
  'aria-describedby'?: string
}

/** A labelled control with its error below; the error is announced and tied to the control. */
export function Field(props: {
  label: string
  field: FormField
  error: string | undefined
  children: (control: FieldControl) => ReactNode
}) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, ...(props.error ? { 'aria-describedby': errorId } : {}) })}
      {props.error ? (
        <span
          id={errorId}
          className="field-error"
          role="alert"
          data-testid={TID.connectionFieldError}
          data-field={props.field}
        >
          {props.error}
        </span>
      ) : null}
    </div>
  )
}

/** The props binding a text input to one field of the form. */
export function textBinder(
  values: ConnectionFormValues,
  errors: FormErrors,
  onChange: (values: ConnectionFormValues) => void,
) {
  return (field: FormField, testId: string, extra: Record<string, unknown> = {}) => ({
    value: String(values[field]),
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [field]: event.target.value }),
    'data-testid': testId,
    'aria-invalid': errors[field] ? true : undefined,
    ...extra,
  })
}
