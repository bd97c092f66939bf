import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname, '..')

/**
 * Builds the bench (TypeScript, importing main's real services and drivers) into one Node script,
 * .tmp/bench/run.js; packages stay in node_modules. `npm run bench` builds it and runs it.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/run.ts'),
    outDir: resolve(root, '.tmp/bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      external: ['better-sqlite3', '@duckdb/node-api'],
      output: { format: 'es', entryFileNames: 'run.js' },
    },
  },
})
