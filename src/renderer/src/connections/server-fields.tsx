import { SSL_MODES, engineDescriptor } from '../../../shared/contract'
import type { SslMode } from '../../../shared/contract'
import { TID } from '../test-ids'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { Field, textBinder } from './form-field'
import { MssqlTlsFields } from './mssql-tls-fields'

const SSL_LABELS: Record<SslMode, string> = {
  disable: 'disable — no TLS',
  prefer: 'prefer — TLS if the server offers it',
  require: 'require — TLS, certificate not checked',
  'verify-ca': 'verify-ca — TLS, certificate signed by the CA',
  'verify-full': 'verify-full — verify-ca, and the host name matches',
}

/** The fields of an engine reached over the network: where, who, TLS and patience. */
export function ServerFields(props: {
  values: ConnectionFormValues
  errors: FormErrors
  onChange: (values: ConnectionFormValues) => void
  hasSavedPassword: boolean
  passwordAgain: boolean
}) {
  const { values, errors, onChange, hasSavedPassword, passwordAgain } = props
  const text = textBinder(values, errors, onChange)
  const extra = engineDescriptor(values.engine)?.extraFields ?? []
  return (
    <>
      {extra.includes('srv') ? (
        <label className="field-check">
          <input
            type="checkbox"
            data-testid={TID.connectionSrv}
            checked={values.srv}
            onChange={(event) =>
              onChange({ ...values, srv: event.target.checked, port: event.target.checked ? '' : values.port })
            }
          />
          SRV host name (mongodb+srv://: DNS names the servers, no port)
        </label>
      ) : null}
      <div className={extra.includes('instance') ? 'field-pair field-triple' : 'field-pair'}>
        <Field label="Host" error={errors.host} field="host">
          {(control) => <input {...control} {...text('host', TID.connectionHost, { spellCheck: false })} />}
        </Field>
        {extra.includes('instance') ? (
          <Field label="Instance" error={errors.instance} field="instance">
            {(control) => (
              <input
                {...control}
                {...text('instance', TID.connectionInstance, { spellCheck: false, placeholder: 'default instance' })}
              />
            )}
          </Field>
        ) : null}
        <Field label="Port" error={errors.port} field="port">
          {(control) => <input {...control} {...text('port', TID.connectionPort, { inputMode: 'numeric' })} />}
        </Field>
      </div>
      <div className="field-pair field-pair-even">
        <Field label="User" error={errors.user} field="user">
          {(control) => (
            <input {...control} {...text('user', TID.connectionUser, { autoComplete: 'off', spellCheck: false })} />
          )}
        </Field>
        <Field label="Password" error={errors.password} field="password">
          {(control) => (
            <input
              {...control}
              type="password"
              {...text('password', TID.connectionPassword, {
                autoComplete: 'new-password',
                disabled: values.forgetPassword,
                placeholder: hasSavedPassword ? 'saved: empty keeps it' : '',
              })}
            />
          )}
        </Field>
      </div>
      {hasSavedPassword ? (
        <label className="field-check">
          <input
            type="checkbox"
            data-testid={TID.connectionForgetPassword}
            checked={values.forgetPassword}
            onChange={(event) => onChange({ ...values, forgetPassword: event.target.checked, password: '' })}
          />
          Forget the saved password
        </label>
      ) : null}
      {passwordAgain ? (
        <p className="field-note field-warn" role="status">
          The server changed: enter the password again (a saved password only goes to its own server).
        </p>
      ) : null}
      <div className="field-pair">
        <Field label="Database" error={errors.database} field="database">
          {(control) => <input {...control} {...text('database', TID.connectionDatabase, { spellCheck: false })} />}
        </Field>
        <Field label="Timeout (s)" error={errors.timeoutSeconds} field="timeoutSeconds">
          {(control) => (
            <input {...control} {...text('timeoutSeconds', TID.connectionTimeout, { inputMode: 'numeric' })} />
          )}
        </Field>
      </div>
      {extra.includes('authDatabase') ? (
        <Field label="Auth database" error={errors.authDatabase} field="authDatabase">
          {(control) => (
            <input
              {...control}
              {...text('authDatabase', TID.connectionAuthDatabase, {
                placeholder: 'where the user is defined (default: admin)',
                spellCheck: false,
              })}
            />
          )}
        </Field>
      ) : null}
      {extra.includes('encrypt') ? <MssqlTlsFields values={values} errors={errors} onChange={onChange} /> : null}
      {extra.includes('encrypt') ? null : (
        <>
          <Field label="SSL mode" error={errors.sslMode} field="sslMode">
            {(control) => (
              <select
                {...control}
                data-testid={TID.connectionSslMode}
                value={values.sslMode}
                onChange={(event) => onChange({ ...values, sslMode: event.target.value as SslMode })}
              >
                {SSL_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {SSL_LABELS[mode]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="CA file" error={errors.caFile} field="caFile">
            {(control) => (
              <input
                {...control}
                {...text('caFile', TID.connectionCaFile, {
                  disabled: values.sslMode === 'disable',
                  placeholder: 'path of the CA certificate (PEM); empty: the system’s CAs',
                  spellCheck: false,
                })}
              />
            )}
          </Field>
        </>
      )}
    </>
  )
}
