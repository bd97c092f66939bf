import type Database from 'better-sqlite3'

/**
 * better-sqlite3's native module for this runtime. Under Electron the app builds one for Electron's
 * ABI (scripts/build-electron-sqlite.mjs) and names it in QUARRY_SQLITE_BINDING, leaving the one in
 * node_modules built for Node, which browser mode and the tests use.
 */
export function nativeBindingOptions(): Pick<Database.Options, 'nativeBinding'> {
  const binding = process.env['QUARRY_SQLITE_BINDING']
  return binding ? { nativeBinding: binding } : {}
}
