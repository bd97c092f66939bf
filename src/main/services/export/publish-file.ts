import { link, open, rename, unlink } from 'node:fs/promises'
import { QuarryFailure } from '../../../shared/contract'

/** Codes of file systems without hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

/**
 * Gives the complete temporary file `part` its final name `path`. With `overwrite` it is renamed
 * over whatever is there. Without it the name is claimed exclusively (a hard link, which fails if
 * the name exists), so of two exports racing to one new name the second fails with "file exists"
 * instead of silently replacing the first.
 */
export async function publishFile(part: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(part, path)
  try {
    await link(part, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (code === 'EEXIST') throw fileExists(path)
    if (!NO_HARD_LINKS.has(code)) throw error
    // No hard links here: claim the name with an exclusive create, then rename over the claim.
    const claim = await open(path, 'wx').catch((claimError: unknown) => {
      throw (claimError as NodeJS.ErrnoException).code === 'EEXIST' ? fileExists(path) : claimError
    })
    await claim.close()
    return rename(part, path)
  }
  await unlink(part).catch(() => {})
}

const fileExists = (path: string): QuarryFailure =>
  new QuarryFailure({
    kind: 'invalid-input',
    code: 'EEXIST',
    message: `File exists (${path}): another file was saved under this name during the export; it was kept, and this export was not saved (choose Overwrite to replace it)`,
  })
