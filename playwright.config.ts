import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import type { AppHost } from './e2e/fixtures'

const systemChromium = '/usr/bin/chromium'
const browser = {
  browserName: 'chromium' as const,
  launchOptions: {
    ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
}

export default defineConfig<{ appHost: AppHost }>({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // One web host and one WASM engine at a time: the CI machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./e2e/support/skip-reporter.ts'], ['html', { open: 'never' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...browser, appHost: 'web' },
    },
    {
      name: 'electron',
      // Runs the same specs in Electron where a binary exists; skips with the reason otherwise.
      use: { ...browser, appHost: 'electron' },
    },
  ],
})
