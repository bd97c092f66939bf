import {
  MAX_CONNECT_TIMEOUT_MS,
  MIN_CONNECT_TIMEOUT_MS,
  PROFILE_LIMITS,
  engineDescriptor,
  hasControlCharacters,
  hasField,
} from '../../../shared/contract'
import type { ConnectionFormValues, FormErrors, FormField } from './connection-form'

const tooLong = (text: string, max: number): boolean => text.length > max
const bad = (text: string, max: number): string | undefined =>
  tooLong(text, max)
    ? `At most ${max} characters`
    : hasControlCharacters(text)
      ? 'Must not contain control characters'
      : undefined

/** Field errors in words, checked as main will check them, so the user sees them before saving. */
export function validateConnectionForm(values: ConnectionFormValues): FormErrors {
  const errors: FormErrors = {}
  const set = (field: FormField, message: string | undefined) => message && (errors[field] ??= message)
  set('name', bad(values.name, PROFILE_LIMITS.name))
  set('password', tooLong(values.password, PROFILE_LIMITS.password) ? 'The password is too long' : undefined)
  if (engineDescriptor(values.engine)?.target === 'file') {
    set('file', values.file.trim() ? bad(values.file, PROFILE_LIMITS.path) : 'Enter the path of the database file')
    return errors
  }
  const host = values.host.trim()
  set('host', host ? (/\s/.test(host) ? 'A host has no spaces' : bad(host, PROFILE_LIMITS.host)) : 'Enter a host')
  const port = values.port.trim()
  if (port && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535))
    set('port', 'The port is a number from 1 to 65535')
  set('user', bad(values.user, PROFILE_LIMITS.user))
  set('database', bad(values.database, PROFILE_LIMITS.database))
  set('caFile', bad(values.caFile, PROFILE_LIMITS.path))
  if (
    hasField(values.engine, 'instance') &&
    values.instance.trim() &&
    !/^[A-Za-z0-9_$#-]{1,128}$/.test(values.instance.trim())
  )
    set('instance', 'An instance name has letters, digits and _ $ # - only')
  const seconds = Number(values.timeoutSeconds.trim())
  const [min, max] = [MIN_CONNECT_TIMEOUT_MS / 1000, MAX_CONNECT_TIMEOUT_MS / 1000]
  if (!/^\d+$/.test(values.timeoutSeconds.trim()) || seconds < min || seconds > max)
    set('timeoutSeconds', `Whole seconds from ${min} to ${max}`)
  if (values.sshEnabled) {
    const sshHost = values.sshHost.trim()
    set(
      'sshHost',
      sshHost
        ? /\s/.test(sshHost)
          ? 'A host has no spaces'
          : bad(sshHost, PROFILE_LIMITS.host)
        : 'Enter the SSH host',
    )
    const sshPort = values.sshPort.trim()
    if (sshPort && (!/^\d{1,5}$/.test(sshPort) || Number(sshPort) < 1 || Number(sshPort) > 65535))
      set('sshPort', 'The port is a number from 1 to 65535')
    set('sshUser', values.sshUser.trim() ? bad(values.sshUser, PROFILE_LIMITS.user) : 'Enter the SSH user')
    if (values.sshAuth === 'key')
      set(
        'sshKeyFile',
        values.sshKeyFile.trim() ? bad(values.sshKeyFile, PROFILE_LIMITS.path) : 'Enter the private key file',
      )
    set('sshSecret', tooLong(values.sshSecret, PROFILE_LIMITS.password) ? 'Too long' : undefined)
  }
  return errors
}
