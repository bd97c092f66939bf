import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

/** Tests that need a database server, the SQLite host build or a live engine; all others are pure. */
const ENGINE_TESTS = [
  // The script runner's own test drives a fake engine: pure.
  'test/drivers/*/**/*.test.ts',
  'test/drivers/!(script-runner).test.ts',
  'test/faults/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  '**/*.engine.test.ts',
]

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ENGINE_TESTS],
          // Starts nothing: it only fails the run if a selected file asks for a server.
          globalSetup: ['test/setup/pure-guard.ts'],
          // Pure files mostly wait on module loading, so even two cores run two at a time well.
          maxWorkers: Math.max(2, availableParallelism()),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ENGINE_TESTS,
          exclude: [...configDefaults.exclude],
          // Starts only the servers the selected files use (see the file).
          globalSetup: ['test/setup/engine-servers.ts'],
          // Engine processes and servers are heavy; two cores run one file at a time comfortably.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
