import { stat } from 'node:fs/promises'
import { dirname, isAbsolute, normalize } from 'node:path'
import { QuarryFailure } from '../../../shared/contract'

const invalid = (message: string): QuarryFailure => new QuarryFailure({ kind: 'invalid-input', message, path: 'path' })

/**
 * Checks a path typed by the user (browser mode): absolute, its directory exists, it is not a
 * directory itself, and it is not overwritten unless asked. Returns the normalised path.
 */
export async function validateExportPath(path: string, overwrite: boolean): Promise<string> {
  if (!isAbsolute(path)) throw invalid(`The export path must be absolute: ${path}`)
  const target = normalize(path)
  const parent = await stat(dirname(target)).catch(() => null)
  if (!parent?.isDirectory()) throw invalid(`The folder does not exist: ${dirname(target)}`)
  const existing = await stat(target).catch(() => null)
  if (existing?.isDirectory()) throw invalid(`The path is a folder: ${target}`)
  if (existing && !overwrite) throw invalid(`The file already exists: ${target} (choose Overwrite to replace it)`)
  return target
}

/** Whether something is at `path` now. */
export const fileExists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  )
