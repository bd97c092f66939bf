import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // Electron's main process.
          index: resolve(__dirname, 'src/main/index.ts'),
          // Browser mode: the same services behind a loopback web server, run by plain Node.
          serve: resolve(__dirname, 'src/main/serve.ts'),
          // The SQLite engine process (better-sqlite3 is synchronous, so it never runs in main).
          'sqlite-host': resolve(__dirname, 'src/main/drivers/sqlite/sqlite-host.ts'),
          // The DuckDB engine process (a native crash or a stuck statement never takes main down).
          'duckdb-host': resolve(__dirname, 'src/main/drivers/duckdb/duckdb-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
