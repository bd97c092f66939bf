import { z } from 'zod'

/** Longest name of a saved query file, folders included (relative to the queries folder). */
export const MAX_QUERY_FILE_NAME = 1024
/** Most files the queries section lists (the rest are counted, not shown). */
export const MAX_LISTED_QUERY_FILES = 2000
/** Folder levels below the queries folder that are listed. */
export const MAX_QUERY_FOLDER_DEPTH = 3

/** A `.sql` file in the queries folder, as the sidebar lists it. */
export interface QueryFileEntry {
  /** Its path relative to the queries folder, `/`-separated (`reports/monthly.sql`). */
  name: string
  size: number
  modifiedMs: number
}

/** The queries folder and the `.sql` files in it. */
export interface QueryFolderListing {
  /** Absolute path of the folder (it may not exist yet: the first save creates it). */
  path: string
  /** True where this host can show a folder picker (the desktop app). */
  canChoose: boolean
  files: QueryFileEntry[]
  /** Files past MAX_LISTED_QUERY_FILES that were not listed. */
  skipped: number
}

/** A saved query read from its file: the SQL without its header, and where it runs. */
export interface QueryFile {
  name: string
  sql: string
  /** The connection's name from the `-- quarry:` header; null when the file has none. */
  connection: string | null
  database: string | null
  modifiedMs: number
}

/** Where a save landed. */
export interface SavedQueryFile {
  name: string
  modifiedMs: number
}

/** The code of a save refused because a file of that name exists (`overwrite` was not set). */
export const QUERY_FILE_EXISTS_CODE = 'QUARRY_FILE_EXISTS'

/**
 * A file's name inside the queries folder: relative, `/`-separated, no empty parts or parts starting with `.` (`..`, hidden files), no
 * backslashes, drive letters or control characters, ending in `.sql`. Main checks again where it
 * resolves (symbolic links included).
 */
export const queryFileNameSchema = z
  .string()
  .min(5)
  .max(MAX_QUERY_FILE_NAME)
  .refine((name) => queryFileNameProblem(name) === null, {
    message: 'Not a file name inside the queries folder',
  })

/** Why a name cannot be a saved query's (null: it can). */
export function queryFileNameProblem(name: string): string | null {
  if (!/\.sql$/i.test(name)) return 'The name must end in .sql'
  if (/[\u0000-\u001f\u007f\\:]/.test(name)) return 'The name may not hold control characters, \\ or :'
  const parts = name.split('/')
  if (parts.some((part) => part === '' || part.startsWith('.'))) {
    return 'The name must stay inside the queries folder (no leading /, no parts starting with .)'
  }
  if (parts.some((part) => part.length > 255)) return 'A part of the name is longer than 255 characters'
  return null
}
