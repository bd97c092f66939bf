import type { AppInfo, EngineId, QuarryError, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { ConnectionFormValues } from './connection-form'

/**
 * How the File field is filled: 'native' — the desktop's open dialog (Browse…) or typing;
 * 'typed' — browser mode, where the page cannot learn a path, so it is typed.
 */
export type FilePicker =
  | { kind: 'native'; choose: (engine: EngineId) => Promise<Result<{ path: string | null }>> }
  | {
      kind: 'typed'
    }

/** The picker for a host: the desktop asks main's dialog; browser mode types. Null while unknown. */
export function filePickerFor(host: AppInfo['host'] | null, client: QuarryClient): FilePicker | null {
  if (host === null) return null
  if (host === 'browser') return { kind: 'typed' }
  return { kind: 'native', choose: (engine) => client.call('files.choose', { engine }) }
}

/** The form after Browse…: the chosen path in File; unchanged when dismissed; or the error to show. */
export async function browseInto(
  values: ConnectionFormValues,
  choose: (engine: EngineId) => Promise<Result<{ path: string | null }>>,
): Promise<{ values: ConnectionFormValues } | { error: QuarryError }> {
  const result = await choose(values.engine)
  if (!result.ok) return { error: result.error }
  return { values: result.value.path === null ? values : { ...values, file: result.value.path } }
}

/** What browser mode says under the File field. */
export const TYPED_PATH_NOTE =
  'Browser mode has no file picker: type the path of the file on the machine Quarry runs on.'
