import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname, '..')

/**
 * Builds the bench (TypeScript, importing main's real services and drivers) into Node scripts,
 * .tmp/bench/run.js and .tmp/bench/scroll-trace.js; packages stay in node_modules. `npm run bench` builds it and runs it.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(root, '.tmp/bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // run.js is the bench; scroll-trace.js the scroll measure alone with a renderer trace.
      input: { run: resolve(root, 'bench/run.ts'), 'scroll-trace': resolve(root, 'bench/scroll-trace.ts') },
      external: ['better-sqlite3', '@duckdb/node-api'],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
})
