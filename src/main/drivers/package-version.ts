import { createRequire } from 'node:module'

/** A database library's version, read from its package.json (the library itself is not loaded). */
export function packageVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version
  } catch {
    return 'unknown'
  }
}
