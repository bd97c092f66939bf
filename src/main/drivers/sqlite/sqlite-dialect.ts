import { basename, extname } from 'node:path'

/** Quotes an identifier for SQLite: wrapped in double quotes, inner quotes doubled. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** A SQLite file holds one database; it is named after the file, without its extension. */
export const databaseNameOf = (file: string): string => basename(file, extname(file))
