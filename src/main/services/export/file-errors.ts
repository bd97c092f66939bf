import { QuarryFailure } from '../../../shared/contract'
import type { ErrorKind } from '../../../shared/contract'

/** What a file-system error code means for an export, in words, and its kind. */
const MEANINGS: Record<string, { kind: ErrorKind; says: string }> = {
  ENOSPC: { kind: 'internal', says: 'Disk full' },
  EDQUOT: { kind: 'internal', says: 'Disk quota exceeded' },
  EFBIG: { kind: 'internal', says: 'File too large for its file system' },
  EROFS: { kind: 'permission', says: 'Read-only file system' },
  EACCES: { kind: 'permission', says: 'Permission denied' },
  EPERM: { kind: 'permission', says: 'Operation not permitted' },
  EEXIST: { kind: 'invalid-input', says: 'File exists' },
  ENOENT: { kind: 'not-found', says: 'Folder not found' },
}

/**
 * An export's file error as a typed error naming the export's file, e.g. "Disk full (/tmp/a.csv):
 * no space left on device". Cancellations and typed errors pass through unchanged.
 */
export function exportFileError(error: unknown, path: string): unknown {
  if (error instanceof QuarryFailure || !(error instanceof Error)) return error
  if (error.name === 'AbortError') return error
  const code = (error as NodeJS.ErrnoException).code
  const meaning = code ? MEANINGS[code] : undefined
  const detail = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '')
  return new QuarryFailure({
    kind: meaning?.kind ?? 'internal',
    message: `${meaning?.says ?? 'Could not write the export'} (${path}): ${detail}`,
    ...(code ? { code } : {}),
  })
}
