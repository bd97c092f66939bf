// Where Electron's binary is, if it is installed. Reads the electron package's own path.txt
// rather than require('electron'), which since Electron 40 tries to download a missing binary.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** @returns {string | null} the executable's path, or null when it is not installed */
export function electronBinary() {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
    const pathFile = join(packageDir, 'path.txt')
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
    if (!relative) return null
    const binary = override ? join(override, relative) : join(packageDir, 'dist', relative)
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
