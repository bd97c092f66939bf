import { MSSQL_ENCRYPT_MODES } from '../../../shared/contract'
import type { MssqlEncrypt } from '../../../shared/contract'
import { TID } from '../test-ids'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { Field } from './form-field'

const ENCRYPT_LABELS: Record<MssqlEncrypt, string> = {
  optional: 'Optional — TLS for the login only, unless the server requires it',
  mandatory: 'Mandatory — TLS for everything',
  strict: 'Strict — TDS 8.0, TLS before anything else',
}

/** SQL Server's TLS, as SSMS names it: Encrypt, and whether to trust the server's certificate. */
export function MssqlTlsFields(props: {
  values: ConnectionFormValues
  errors: FormErrors
  onChange: (values: ConnectionFormValues) => void
}) {
  const { values, errors, onChange } = props
  return (
    <>
      <Field label="Encrypt" error={errors.encrypt} field="encrypt">
        {(control) => (
          <select
            {...control}
            data-testid={TID.connectionEncrypt}
            value={values.encrypt}
            onChange={(event) => onChange({ ...values, encrypt: event.target.value as MssqlEncrypt })}
          >
            {MSSQL_ENCRYPT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {ENCRYPT_LABELS[mode]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="field-check">
        <input
          type="checkbox"
          data-testid={TID.connectionTrustCertificate}
          checked={values.trustServerCertificate}
          onChange={(event) => onChange({ ...values, trustServerCertificate: event.target.checked })}
        />
        Trust server certificate (not checked: for self-signed development servers only)
      </label>
    </>
  )
}
