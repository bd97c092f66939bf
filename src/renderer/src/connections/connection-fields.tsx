import { CONNECTABLE_ENGINES, engineDescriptor, isConnectableEngine } from '../../../shared/contract'
import type { ConnectionColor, EngineId } from '../../../shared/contract'
import { TID } from '../test-ids'
import { defaultConnectionName, withEngine } from './connection-form'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { FilePathField } from './file-path-field'
import type { FilePicker } from './file-picker'
import { ConnectionColorField } from './connection-color-field'
import { Field, textBinder } from './form-field'
import { ServerFields } from './server-fields'
import { SshFields } from './ssh-fields'

/** What the fields show and report back. */
export interface ConnectionFieldsProps {
  values: ConnectionFormValues
  errors: FormErrors
  onChange: (values: ConnectionFormValues) => void
  /** Engines this build has drivers for; null while unknown. */
  available: EngineId[] | null
  /** Editing a connection whose password is saved. */
  hasSavedPassword: boolean
  /** The edit points elsewhere, so the saved password will not be used. */
  passwordAgain: boolean
  /** Editing a connection whose SSH password or passphrase is saved. */
  hasSavedSshSecret?: boolean
  /** Where saved passwords are kept, in words (from main); null while unknown. */
  secretsNote?: string | null
  /** How a file engine's File field is filled (Browse… on the desktop); null while unknown. */
  filePicker?: FilePicker | null
  /** The colour shown as chosen while the form names none (a saved connection's derived one). */
  derivedColor?: ConnectionColor | null
}

/** The connection form's fields, by engine: a server's address and TLS, or a file's path. */
export function ConnectionFields(props: ConnectionFieldsProps) {
  const { values, errors, onChange, available } = props
  const text = textBinder(values, errors, onChange)
  const unavailable = available !== null && !available.includes(values.engine)
  return (
    <div className="connection-fields">
      <div className="field-pair field-pair-even">
        <Field label="Engine" error={errors.engine} field="engine">
          {(control) => (
            <select
              {...control}
              data-testid={TID.connectionEngine}
              value={values.engine}
              onChange={(event) =>
                isConnectableEngine(event.target.value) && onChange(withEngine(values, event.target.value))
              }
            >
              {CONNECTABLE_ENGINES.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.target === 'file' ? `${d.label} (file)` : d.label}
                  {available && !available.includes(d.id) ? ' (no driver yet)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" error={errors.name} field="name">
          {(control) => (
            <input {...control} {...text('name', TID.connectionName, { placeholder: defaultConnectionName(values) })} />
          )}
        </Field>
      </div>
      {unavailable ? (
        <p className="field-note field-warn">This build has no driver for it yet: it can be saved, not tested.</p>
      ) : null}
      {engineDescriptor(values.engine)?.target === 'server' ? (
        <>
          <ServerFields {...props} />
          <SshFields
            values={values}
            errors={errors}
            onChange={onChange}
            hasSavedSecret={props.hasSavedSshSecret ?? false}
          />
        </>
      ) : (
        <FilePathField values={values} errors={errors} onChange={onChange} picker={props.filePicker ?? null} />
      )}
      <label className="field-check">
        <input
          type="checkbox"
          data-testid={TID.connectionReadOnly}
          checked={values.readOnly}
          onChange={(event) => onChange({ ...values, readOnly: event.target.checked })}
        />
        Read-only (enforced by the server session)
      </label>
      <label className="field-check">
        <input
          type="checkbox"
          data-testid={TID.connectionSafeMode}
          checked={values.safeMode}
          onChange={(event) => onChange({ ...values, safeMode: event.target.checked })}
        />
        {engineDescriptor(values.engine)?.capabilities.serverJudgesWrites
          ? 'Safe mode: runs read-only; asks before any statement the server refuses as a write'
          : 'Safe mode: ask before DELETE/UPDATE without WHERE, DROP and TRUNCATE (a hint from reading the SQL)'}
      </label>
      {engineDescriptor(values.engine)?.transactions ? (
        <label className="field-check">
          <input
            type="checkbox"
            data-testid={TID.connectionManualCommit}
            checked={values.manualCommit}
            onChange={(event) => onChange({ ...values, manualCommit: event.target.checked })}
          />
          Manual commit: query tabs keep a transaction open until you Commit or Roll back
        </label>
      ) : null}
      <ConnectionColorField
        value={values.color ?? props.derivedColor ?? null}
        onChange={(color) => onChange({ ...values, color })}
      />
      {props.secretsNote ? (
        <p className="field-note" data-testid={TID.connectionSecretsNote}>
          {props.secretsNote}
        </p>
      ) : null}
    </div>
  )
}
