import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  MAX_LISTED_QUERY_FILES,
  MAX_QUERY_FOLDER_DEPTH,
  MAX_SQL_LENGTH,
  QUERY_FILE_EXISTS_CODE,
  QuarryFailure,
} from '../../../shared/contract'
import type { QueryFile, QueryFileEntry, SavedQueryFile } from '../../../shared/contract'
import { readSqlFileHeader, withSqlFileHeader } from '../../../shared/formats/sql-file-header'
import type { SqlFileTarget } from '../../../shared/formats/sql-file-header'
import { exportFileError } from '../export/file-errors'
import { processIsAlive } from '../process-alive'
import { realFolder, resolveQueryFile } from './query-paths'

/** A save's temporary file beside its target: hidden, named by the writing process. Group 1: its pid. */
export const QUERY_TEMPORARY_NAME = /^\.quarry-saving-(\d+)-[0-9a-f]{12}\.sql-tmp$/

/** Largest file read as a saved query (bytes): the editor's own limit, in UTF-8 at most 4 bytes a character. */
export const MAX_QUERY_FILE_BYTES = MAX_SQL_LENGTH

/** `.sql` files of one folder: listed, read and written (atomically) by name, never outside it. */
export class QueryFileStore {
  constructor(private readonly folder: () => string) {}

  /** The folder's `.sql` files (hidden entries and symbolic links skipped), by name. */
  async list(): Promise<{ path: string; files: QueryFileEntry[]; skipped: number }> {
    const root = await realFolder(this.folder())
    const files: QueryFileEntry[] = []
    let skipped = 0
    const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isFile()) await sweepLeftover(dir, entry.name)
        if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue
        const name = `${prefix}${entry.name}`
        if (entry.isDirectory() && depth < MAX_QUERY_FOLDER_DEPTH)
          await walk(join(dir, entry.name), `${name}/`, depth + 1)
        if (!entry.isFile() || !/\.sql$/i.test(entry.name)) continue
        if (files.length >= MAX_LISTED_QUERY_FILES) {
          skipped += 1
          continue
        }
        const info = await stat(join(dir, entry.name)).catch(() => null)
        if (info) files.push({ name, size: info.size, modifiedMs: Math.trunc(info.mtimeMs) })
      }
    }
    await walk(root, '', 0)
    return { path: root, files, skipped }
  }

  async read(name: string): Promise<QueryFile> {
    const { path, exists } = await resolveQueryFile(this.folder(), name)
    if (!exists) throw new QuarryFailure({ kind: 'not-found', message: `No saved query ${name}` })
    // O_NOFOLLOW: a file swapped for a link after the check is refused, not followed.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch((error: unknown) => {
      throw exportFileError(error, path)
    })
    try {
      const info = await handle.stat()
      if (info.size > MAX_QUERY_FILE_BYTES) {
        const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
        const message = `${name} is ${mib(info.size)} MiB: saved queries open up to ${mib(MAX_QUERY_FILE_BYTES)} MiB`
        throw new QuarryFailure({ kind: 'invalid-input', message, path: 'name' })
      }
      const { sql, connection, database } = readSqlFileHeader(await handle.readFile('utf8'))
      return { name, sql, connection, database, modifiedMs: Math.trunc(info.mtimeMs) }
    } finally {
      await handle.close()
    }
  }

  /**
   * Writes the SQL under its header to a temporary file beside the target, syncs it, then renames
   * it over the target: a crash leaves the old file or the new one. An existing file is replaced
   * only when `overwrite` says so (else a typed QUERY_FILE_EXISTS_CODE error).
   */
  async write(name: string, sql: string, target: SqlFileTarget, overwrite: boolean): Promise<SavedQueryFile> {
    const { path, exists } = await resolveQueryFile(this.folder(), name)
    if (exists && !overwrite) {
      const message = `${name} already exists in the queries folder`
      throw new QuarryFailure({ kind: 'invalid-input', message, code: QUERY_FILE_EXISTS_CODE, path: 'name' })
    }
    const temporary = join(dirname(path), `.quarry-saving-${process.pid}-${randomBytes(6).toString('hex')}.sql-tmp`)
    try {
      const handle = await open(temporary, 'wx', 0o644)
      try {
        await handle.writeFile(withSqlFileHeader(sql, target), 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      throw exportFileError(error, path)
    }
    const info = await stat(path)
    return { name, modifiedMs: Math.trunc(info.mtimeMs) }
  }
}

/** Removes a save's temporary file that a crashed Quarry left (its writer is gone; a running one's is kept). */
async function sweepLeftover(dir: string, name: string): Promise<void> {
  const pid = Number(QUERY_TEMPORARY_NAME.exec(name)?.[1] ?? 0)
  if (pid > 0 && !processIsAlive(pid)) await unlink(join(dir, name)).catch(() => undefined)
}
