import type { SshAuth } from '../../../shared/contract'
import { TID } from '../test-ids'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { Field, textBinder } from './form-field'

const AUTH_LABELS: Record<SshAuth, string> = {
  key: 'Private key file',
  password: 'Password',
  agent: 'SSH agent (SSH_AUTH_SOCK)',
}

/** The SSH tunnel section: where the SSH server is, how to sign in, and the host key it presented. */
export function SshFields(props: {
  values: ConnectionFormValues
  errors: FormErrors
  onChange: (values: ConnectionFormValues) => void
  /** Editing a connection whose SSH password or passphrase is saved. */
  hasSavedSecret: boolean
}) {
  const { values, errors, hasSavedSecret } = props
  // A recorded host key belongs to its SSH server: pointing the tunnel elsewhere forgets it.
  const onChange = (next: ConnectionFormValues): void =>
    props.onChange(
      next.sshHost.trim() !== values.sshHost.trim() || next.sshPort.trim() !== values.sshPort.trim()
        ? { ...next, sshHostKey: '' }
        : next,
    )
  const text = textBinder(values, errors, onChange)
  const secretLabel = values.sshAuth === 'password' ? 'SSH password' : 'Key passphrase'
  return (
    <fieldset className="ssh-fields" data-testid={TID.connectionSsh}>
      <legend>
        <label className="field-check">
          <input
            type="checkbox"
            checked={values.sshEnabled}
            onChange={(event) => onChange({ ...values, sshEnabled: event.target.checked })}
          />
          Connect through an SSH tunnel
        </label>
      </legend>
      {values.sshEnabled ? (
        <>
          <div className="field-pair">
            <Field label="SSH host" error={errors.sshHost} field="sshHost">
              {(control) => <input {...control} {...text('sshHost', TID.connectionSshHost, { spellCheck: false })} />}
            </Field>
            <Field label="SSH port" error={errors.sshPort} field="sshPort">
              {(control) => (
                <input {...control} {...text('sshPort', TID.connectionSshPort, { inputMode: 'numeric' })} />
              )}
            </Field>
          </div>
          <div className="field-pair field-pair-even">
            <Field label="SSH user" error={errors.sshUser} field="sshUser">
              {(control) => (
                <input
                  {...control}
                  {...text('sshUser', TID.connectionSshUser, { autoComplete: 'off', spellCheck: false })}
                />
              )}
            </Field>
            <Field label="Sign in with" error={errors.sshAuth} field="sshAuth">
              {(control) => (
                <select
                  {...control}
                  data-testid={TID.connectionSshAuth}
                  value={values.sshAuth}
                  onChange={(event) => onChange({ ...values, sshAuth: event.target.value as SshAuth })}
                >
                  {(Object.keys(AUTH_LABELS) as SshAuth[]).map((auth) => (
                    <option key={auth} value={auth}>
                      {AUTH_LABELS[auth]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {values.sshAuth === 'key' ? (
            <Field label="Private key file" error={errors.sshKeyFile} field="sshKeyFile">
              {(control) => (
                <input
                  {...control}
                  {...text('sshKeyFile', TID.connectionSshKeyFile, {
                    placeholder: '~/.ssh/id_ed25519',
                    spellCheck: false,
                  })}
                />
              )}
            </Field>
          ) : null}
          {values.sshAuth !== 'agent' ? (
            <Field label={secretLabel} error={errors.sshSecret} field="sshSecret">
              {(control) => (
                <input
                  {...control}
                  type="password"
                  {...text('sshSecret', TID.connectionSshSecret, {
                    autoComplete: 'new-password',
                    disabled: values.forgetSshSecret,
                    placeholder: hasSavedSecret ? 'saved: empty keeps it' : values.sshAuth === 'key' ? 'none' : '',
                  })}
                />
              )}
            </Field>
          ) : null}
          {hasSavedSecret && values.sshAuth !== 'agent' ? (
            <label className="field-check">
              <input
                type="checkbox"
                data-testid={TID.connectionSshForgetSecret}
                checked={values.forgetSshSecret}
                onChange={(event) => onChange({ ...values, forgetSshSecret: event.target.checked, sshSecret: '' })}
              />
              Forget the saved {secretLabel.toLowerCase()}
            </label>
          ) : null}
          <p className="field-note" data-testid={TID.connectionSshHostKey}>
            {values.sshHostKey ? (
              <>
                Host key: <code>{values.sshHostKey}</code>{' '}
                <button type="button" onClick={() => onChange({ ...values, sshHostKey: '' })}>
                  Clear
                </button>
              </>
            ) : (
              'Host key: recorded on first connection (Test shows it), then verified every time.'
            )}
          </p>
        </>
      ) : null}
    </fieldset>
  )
}
