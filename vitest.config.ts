import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: [
      'test/global-setup.ts',
      'test/setup/postgres-server.ts',
      'test/setup/mariadb-server.ts',
      'test/setup/mssql-server.ts',
      'test/setup/mongodb-server.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Engine processes and servers are heavy; two cores run one file at a time comfortably.
    fileParallelism: false,
  },
})
