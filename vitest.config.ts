import { defineConfig } from 'vitest/config'

// Any DeprecationWarning fails the test it surfaced in (see the file).
const setupFiles = ['electron/backend/test-support/fail-on-deprecation.ts']

const sources = [
  'shared/**/*.test.ts',
  'electron/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'tools/**/*.test.ts',
  'bench/**/*.test.ts',
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
          exclude: ['**/*.alone.int.test.ts', '**/node_modules/**'],
          globalSetup: ['electron/backend/test-support/global-setup.ts'],
          setupFiles,
          // Real servers and a WASM engine per file: give them room on two cores.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          // Tests that judge timing (how true a load's time-left estimate is): last, one
          // file at a time, so no other test file's work changes the pace they measure.
          name: 'integration-alone',
          sequence: { groupOrder: 2 },
          include: ['electron/**/*.alone.int.test.ts'],
          globalSetup: ['electron/backend/test-support/global-setup.ts'],
          setupFiles,
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 1,
        },
      },
    ],
  },
})
