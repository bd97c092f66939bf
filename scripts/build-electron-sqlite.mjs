#!/usr/bin/env node
// Builds better-sqlite3's native module for the installed Electron (its ABI differs from Node's)
// into out/native/electron-<version>/, leaving node_modules built for Node so browser mode and the
// tests keep working. The desktop app's SQLite process loads it through better-sqlite3's
// `nativeBinding` option. Needs Electron's headers, which node-gyp downloads once.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const electronVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve('electron')), 'package.json'), 'utf8'),
).version
const target = join(root, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node')
if (existsSync(target)) process.exit(0)

const source = dirname(require.resolve('better-sqlite3/package.json'))
const work = join(root, '.tmp', 'electron-sqlite-build')
rmSync(work, { recursive: true, force: true })
cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) })
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`)
const gyp = join(
  dirname(process.execPath),
  '..',
  'lib',
  'node_modules',
  'npm',
  'node_modules',
  'node-gyp',
  'bin',
  'node-gyp.js',
)
const result = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
)
if (result.status !== 0) {
  console.error('Could not build better-sqlite3 for Electron (needs network access for Electron headers).')
  process.exit(result.status ?? 1)
}
mkdirSync(dirname(target), { recursive: true })
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
console.log(`Built ${target}`)
