import { lstat, mkdir, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { QuarryFailure, queryFileNameProblem } from '../../../shared/contract'

const refuse = (message: string): QuarryFailure => new QuarryFailure({ kind: 'invalid-input', message, path: 'name' })

/** A saved query's file, resolved inside the queries folder. */
export interface ResolvedQueryFile {
  /** The folder's real path (symbolic links resolved). */
  root: string
  /** The file's absolute path: under `root`, through no symbolic link. */
  path: string
  /** Whether a regular file is there now. */
  exists: boolean
}

/** The queries folder's real path, created (0700) when it is not there yet. */
export async function realFolder(folder: string): Promise<string> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 })
    return await realpath(folder)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = error instanceof Error ? error.message : String(error)
    const message = `The queries folder ${folder} cannot be used: ${why}`
    throw new QuarryFailure({
      kind: code === 'EACCES' || code === 'EPERM' ? 'permission' : 'internal',
      message,
      ...(code ? { code } : {}),
    })
  }
}

/**
 * Resolves a file name the renderer sent inside the queries folder, refusing anything that could
 * land elsewhere: a bad name (see queryFileNameProblem), a folder on the way that is a symbolic link
 * (or is missing), and a file that is a symbolic link or not a regular file.
 */
export async function resolveQueryFile(folder: string, name: string): Promise<ResolvedQueryFile> {
  const problem = queryFileNameProblem(name)
  if (problem) throw refuse(`${problem}: ${name}`)
  const root = await realFolder(folder)
  const parts = name.split('/')
  let dir = root
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part)
    const info = await lstat(dir).catch(() => null)
    if (!info) throw new QuarryFailure({ kind: 'not-found', message: `No folder ${relative(root, dir)} in ${root}` })
    if (info.isSymbolicLink()) throw refuse(`${relative(root, dir)} is a symbolic link: saved queries stay in ${root}`)
    if (!info.isDirectory()) throw refuse(`${relative(root, dir)} is not a folder`)
  }
  const path = join(dir, parts.at(-1)!)
  const info = await lstat(path).catch(() => null)
  if (info?.isSymbolicLink()) throw refuse(`${name} is a symbolic link: saved queries stay in ${root}`)
  if (info && !info.isFile()) throw refuse(`${name} is not a file`)
  return { root, path, exists: info !== null }
}

/**
 * The name, relative to the queries folder, of a path a dialog chose (desktop); refused when it is
 * outside the folder, so every saved query stays where the sidebar lists it.
 */
export async function nameInFolder(folder: string, chosen: string): Promise<string> {
  const root = await realFolder(folder)
  // The chosen file may not exist yet (Save as): its folder is resolved, then the name appended.
  const parent = await realpath(join(chosen, '..')).catch(() => null)
  const base = chosen.split(/[\\/]/).at(-1) ?? ''
  const inside = parent === null ? null : relative(root, join(parent, base))
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw refuse(`Choose a file inside the queries folder (${root}), or choose another folder first`)
  }
  const name = inside.split(sep).join('/')
  return /\.sql$/i.test(name) ? name : `${name}.sql`
}
