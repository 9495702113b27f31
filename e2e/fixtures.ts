import { _electron as electron, test as base, type Page } from '@playwright/test'
import { findElectronBinary } from './support/electron-binary'
import { ROOT, startWebHostProcess, type WebHostProcess } from './support/web-host'

export type AppHost = 'web' | 'electron'

interface WorkerFixtures {
  appHost: AppHost
  webHost: WebHostProcess
}

interface TestFixtures {
  /** The app's window: a Chromium page on the web host, or Electron's first window. */
  app: Page
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appHost: ['web', { option: true, scope: 'worker' }],

  webHost: [
    // Playwright reads fixture dependencies from this destructuring; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startWebHostProcess()
      await use(host)
      await host.stop()
    },
    { scope: 'worker' },
  ],

  app: async ({ appHost, page, webHost }, use, testInfo) => {
    if (appHost === 'web') {
      await page.goto(webHost.url)
      await use(page)
      return
    }
    const binary = findElectronBinary(ROOT)
    if ('reason' in binary) {
      testInfo.skip(true, binary.reason)
      return
    }
    const app = await electron.launch({
      executablePath: binary.path,
      args: [ROOT],
      env: { ...process.env, TSDB_EXPLORER_USER_DATA_DIR: testInfo.outputPath('user-data') },
    })
    await use(await app.firstWindow())
    await app.close()
  },
})

export { expect } from '@playwright/test'

/** Attaches a screenshot to the report, and refreshes docs/ when asked to. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const info = test.info()
  const path = process.env.UPDATE_DOCS_SCREENSHOTS
    ? `${ROOT}/docs/${name}.png`
    : info.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await info.attach(name, { path, contentType: 'image/png' })
}
