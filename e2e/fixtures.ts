import {
  _electron as electron,
  expect,
  test as base,
  type Locator,
  type Page,
} from '@playwright/test'
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

// Playwright reads fixture dependencies from this destructuring; this one has none.
// eslint-disable-next-line no-empty-pattern
async function hostForWorker({}, use: (host: WebHostProcess) => Promise<void>): Promise<void> {
  const host = await startWebHostProcess()
  await use(host)
  await host.stop()
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appHost: ['web', { option: true, scope: 'worker' }],

  webHost: [hostForWorker, { scope: 'worker' }],

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

/**
 * `test` for a file that needs a web host (and so an empty database) of its
 * own: overriding the worker fixture gives the file a worker no other spec shares.
 */
export const testWithOwnWebHost = test.extend<object, Pick<WorkerFixtures, 'webHost'>>({
  webHost: [hostForWorker, { scope: 'worker' }],
})

export { expect } from '@playwright/test'

/** The connection's line in the status bar. */
export const statusBar = (page: Page) => page.getByLabel('Status bar').getByRole('status')

/** Waits until the status bar names the engine the app is connected to (embedded starts slowly). */
export async function waitConnected(page: Page, engine: string | RegExp): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: engine })).toBeVisible({
    timeout: 60_000,
  })
}

/** Opens a page from the sidebar's main navigation. */
export async function openView(
  page: Page,
  name: 'Connections' | 'Database' | 'Sensors' | 'Charts' | 'SQL',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click()
}

/** Attaches a screenshot to the report, and refreshes docs/ when asked to. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const info = test.info()
  const path = process.env.UPDATE_DOCS_SCREENSHOTS
    ? `${ROOT}/docs/${name}.png`
    : info.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await info.attach(name, { path, contentType: 'image/png' })
}

/**
 * Fails when anything (a notification, a dialog) lies over the element: the
 * element itself must be what a click at its centre and corners would hit.
 */
export async function expectNotCovered(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded()
  const hit = await target.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 2, r.top + 2],
      [r.right - 2, r.bottom - 2],
    ] as const
    return points.map(([x, y]) => {
      const at = document.elementFromPoint(x, y)
      return at === el || (at !== null && el.contains(at))
        ? null
        : (at?.outerHTML.slice(0, 80) ?? 'nothing')
    })
  })
  expect(
    hit.filter((h) => h !== null),
    `what covers ${target.toString()}`,
  ).toEqual([])
}
