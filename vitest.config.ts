import { defineConfig } from 'vitest/config'

// Any DeprecationWarning fails the test it surfaced in (see the file).
const setupFiles = ['electron/backend/test-support/fail-on-deprecation.ts']

const sources = [
  'shared/**/*.test.ts',
  'electron/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'tools/**/*.test.ts',
]

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: sources,
          sequence: { groupOrder: 0 },
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          setupFiles,
        },
      },
      {
        test: {
          name: 'integration',
          // Unit tests first, then the real-engine tests with their own worker limit.
          sequence: { groupOrder: 1 },
          include: ['electron/**/*.int.test.ts', 'bench/**/*.int.test.ts'],
          globalSetup: ['electron/backend/test-support/global-setup.ts'],
          setupFiles,
          // Real servers and a WASM engine per file: give them room on two cores.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
})
