import { useEffect, useRef, useState } from 'react'
import { defaultColorOf, freshColor } from '../../../shared/contract'
import type {
  AppInfo,
  ConnectionColor,
  ConnectionSummary,
  EngineId,
  QuarryError,
  SavedConnection,
} from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { TID } from '../test-ids'
import { ConnectionFields } from './connection-fields'
import {
  fieldOfErrorPath,
  formFromSaved,
  needsPasswordAgain,
  newConnectionForm,
  toProfile,
  typedPassword,
  typedSshSecret,
} from './connection-form'
import { validateConnectionForm } from './connection-form-validation'
import type { ConnectionFormValues, FormErrors } from './connection-form'
import { ConnectionTestOutcome, FAILURE_TITLES } from './connection-test-result'
import type { TestState } from './connection-test-result'
import { ConnectionUrlField } from './connection-url-field'
import { filePickerFor } from './file-picker'
import { ModalDialog } from './modal-dialog'

/** The connection dialog: a new connection, or the saved one with `connectionId`. */
export function ConnectionDialog(props: {
  client: QuarryClient
  connectionId: string | null
  /** The colours the other connections wear: a new one starts with one none of them wears. */
  wornColors?: readonly ConnectionColor[]
  onSaved: (summary: ConnectionSummary) => void
  onClose: () => void
}) {
  const { client, connectionId, onSaved, onClose } = props
  const [values, setValues] = useState<ConnectionFormValues>(() => ({
    ...newConnectionForm(),
    color: freshColor(props.wornColors ?? []),
  }))
  const [saved, setSaved] = useState<SavedConnection | null>(null)
  const [loadError, setLoadError] = useState<QuarryError | null>(null)
  const [available, setAvailable] = useState<EngineId[] | null>(null)
  const [secretsNote, setSecretsNote] = useState<string | null>(null)
  const [host, setHost] = useState<AppInfo['host'] | null>(null)
  const [showErrors, setShowErrors] = useState(false)
  const [mainErrors, setMainErrors] = useState<FormErrors>({})
  const [test, setTest] = useState<TestState>({ status: 'idle' })
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<QuarryError | null>(null)
  // Answers to a test started before the latest edit are dropped.
  const generation = useRef(0)

  useEffect(() => {
    void client.call('connections.engines', {}).then((result) => result.ok && setAvailable(result.value))
    void client.call('app.info', {}).then((result) => setHost(result.ok ? result.value.host : 'browser'))
    void client
      .call('connections.status', {})
      .then((result) => result.ok && setSecretsNote(result.value.secrets.detail))
    if (connectionId === null) return
    void client.call('connections.get', { connectionId }).then((result) => {
      if (!result.ok) return setLoadError(result.error)
      setSaved(result.value)
      setValues(formFromSaved(result.value))
    })
  }, [client, connectionId])

  const loading = connectionId !== null && saved === null
  const errors = { ...(showErrors ? validateConnectionForm(values) : {}), ...mainErrors }
  const passwordAgain = needsPasswordAgain(saved, values)

  const change = (next: ConnectionFormValues): void => {
    generation.current++
    setValues(next)
    setMainErrors({})
    setSaveError(null)
    setTest({ status: 'idle' })
  }
  /** Shows every field's error; true when the form may be sent. */
  const checked = (): boolean => {
    setShowErrors(true)
    return Object.keys(validateConnectionForm(values)).length === 0
  }
  /** An invalid-input error about one field goes beside that field. */
  const placeError = (error: QuarryError): void => {
    const field = error.kind === 'invalid-input' ? fieldOfErrorPath(error.path) : null
    if (field) setMainErrors({ [field]: error.message })
  }

  const runTest = async (): Promise<void> => {
    if (!checked()) return
    const run = ++generation.current
    setTest({ status: 'running' })
    // Forgetting the saved password means testing without it, as an unsaved profile.
    const saved = connectionId !== null && !values.forgetPassword ? { connectionId } : {}
    const result = await client.call('connections.test', {
      ...saved,
      profile: toProfile(values),
      ...typedPassword(values),
      ...typedSshSecret(values),
    })
    if (run !== generation.current) return
    setTest(result.ok ? { status: 'ok', result: result.value } : { status: 'error', error: result.error })
    // Trust on first use: the host key the test met is shown, and saved with the connection.
    const hostKey = result.ok ? result.value.sshHostKey : undefined
    if (hostKey && values.sshEnabled && !values.sshHostKey) setValues({ ...values, sshHostKey: hostKey })
    if (!result.ok) placeError(result.error)
  }

  const save = async (): Promise<void> => {
    if (!checked()) return
    setSaving(true)
    const result = await client.call('connections.save', {
      ...(connectionId !== null ? { connectionId } : {}),
      profile: toProfile(values),
      ...typedPassword(values),
      ...(values.forgetPassword ? { forgetPassword: true } : {}),
      ...typedSshSecret(values),
      ...(values.forgetSshSecret ? { forgetSshSecret: true } : {}),
    })
    setSaving(false)
    if (result.ok) return onSaved(result.value)
    setSaveError(result.error)
    placeError(result.error)
  }

  return (
    <ModalDialog
      title={connectionId === null ? 'New connection' : `Edit connection${saved ? `: ${saved.profile.name}` : ''}`}
      testId={TID.connectionDialog}
      className="connection-dialog"
      onClose={onClose}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        {loadError ? (
          <div className="query-error" role="alert">
            {loadError.message}
          </div>
        ) : null}
        {loading ? null : (
          <>
            <ConnectionUrlField values={values} onFill={change} />
            <ConnectionFields
              values={values}
              errors={errors}
              onChange={change}
              available={available}
              hasSavedPassword={saved?.hasPassword ?? false}
              passwordAgain={passwordAgain}
              hasSavedSshSecret={saved?.hasSshSecret ?? false}
              secretsNote={secretsNote}
              filePicker={filePickerFor(host, client)}
              derivedColor={connectionId === null ? null : defaultColorOf(connectionId)}
            />
          </>
        )}
        {saveError ? (
          <div className="query-error" role="alert" data-testid={TID.connectionSaveError}>
            <strong>{FAILURE_TITLES[saveError.kind]}:</strong> {saveError.message}
          </div>
        ) : null}
        <div className="modal-actions">
          <button
            type="button"
            data-testid={TID.connectionTest}
            disabled={loading || test.status === 'running'}
            onClick={() => void runTest()}
          >
            Test
          </button>
          <ConnectionTestOutcome state={test} />
          <button type="button" data-testid={TID.connectionCancel} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid={TID.connectionSave} disabled={loading || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
