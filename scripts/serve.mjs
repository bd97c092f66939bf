#!/usr/bin/env node
// `npm run serve`: browser mode. Builds the app if needed, makes sure the sample database exists,
// then runs the main-process services behind a loopback web server (out/main/serve.js).
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

export function prepare({ rebuild }) {
  if (rebuild || !existsSync(join(root, 'out', 'main', 'serve.js')))
    run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
  run(process.execPath, [join(root, 'scripts', 'generate-sample-db.mjs')])
}

export function serve(extraArgs = []) {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...extraArgs], {
    cwd: root,
    stdio: 'inherit',
  })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  prepare({ rebuild: !process.argv.includes('--no-build') })
  serve(process.argv.slice(2).filter((arg) => arg !== '--no-build'))
}
