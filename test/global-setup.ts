import { resolve } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

const root = resolve(import.meta.dirname, '..')
const outDir = resolve(root, '.tmp/test-build')

declare module 'vitest' {
  export interface ProvidedContext {
    /** The SQLite host script built for this test run. */
    sqliteHostScript: string
    /** The DuckDB host script built for this test run. */
    duckdbHostScript: string
  }
}

/**
 * Builds the SQLite host entry (the child process the driver forks) out of tree, so driver tests
 * run against the same bundled script the app ships without a full electron-vite build.
 */
export default async function setup(project: TestProject): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: resolve(root, 'src/main/drivers/sqlite/sqlite-host.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: {
        external: ['better-sqlite3'],
        output: { format: 'es', entryFileNames: 'sqlite-host.js' },
      },
    },
  })
  project.provide('sqliteHostScript', resolve(outDir, 'sqlite-host.js'))
}

/** Builds the DuckDB host entry (its own folder: the SQLite build empties its own). */
export async function buildDuckdbHost(project: TestProject): Promise<void> {
  const dir = resolve(root, '.tmp/test-build-duckdb')
  await buildHost('src/main/drivers/duckdb/duckdb-host.ts', dir, ['@duckdb/node-api', '@duckdb/node-bindings'])
  project.provide('duckdbHostScript', resolve(dir, 'duckdb-host.js'))
}

/** Builds one more engine host entry into its own folder, its native libraries left external. */
async function buildHost(entry: string, dir: string, external: string[]): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: resolve(root, entry),
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: { external, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  })
}
