#!/usr/bin/env node
// `npm start`: the desktop app. Where Electron's binary is not installed (it cannot be downloaded
// on every machine), says so in one line and starts browser mode instead.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electron-binary.mjs'
import { prepare, serve } from './serve.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const binary = electronBinary()
if (!binary) {
  console.log(
    'Electron binary not installed (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline): starting browser mode instead.',
  )
  prepare({ rebuild: true })
  serve()
} else {
  prepare({ rebuild: false })
  // better-sqlite3 is compiled for Node; the desktop app's SQLite process needs it built for Electron.
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs')], {
    cwd: root,
    stdio: 'inherit',
  })
  if (native.status !== 0) process.exit(native.status ?? 1)
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  process.exit(result.status ?? 0)
}
