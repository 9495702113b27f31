/** The explore specs' database and what they do on the Database and Charts pages. */
import type { Page } from '@playwright/test'
import { createExploreFixtures } from '../../electron/backend/test-support/explore-fixtures'
import { decodeFrame } from '../../shared/wire'
import { expect, openView, test, waitConnected, type AppHost } from '../fixtures'
import { hostWithData, useSharedHost, type HostedData } from './data-dirs'

/**
 * Your own tables, not the quick start's: the catalog tests' databases
 * (weather, a hypertable; hosts and a narrow metrics table; a table of
 * wall-clock times; a table of hostile names) in an embedded folder the web
 * host opens.
 */
export const hostWithExploreData = (prefix: string) =>
  hostWithData(prefix, async (db) => {
    await createExploreFixtures(db, true)
  })

const WEB_ONLY = 'Fills a web host data folder before starting it.'

/**
 * A web host of its own over the explore data for one test, closed when
 * `use` ends (web only: the data folder is filled before the host starts).
 */
export async function withExploreHost(
  appHost: AppHost,
  prefix: string,
  use: (hosted: HostedData) => Promise<void>,
): Promise<void> {
  test.skip(appHost !== 'web', WEB_ONLY)
  const hosted = await hostWithExploreData(prefix)
  try {
    await use(hosted)
  } finally {
    await hosted.close()
  }
}

/**
 * One web host over the explore data for the tests of a describe block
 * (web only, as above). Call the result inside a test to get it.
 */
export const useExploreHost = (prefix: string) =>
  useSharedHost(() => hostWithExploreData(prefix), WEB_ONLY)

/** Opens the app of `hosted` on the Charts page, connected. */
export async function openCharts(page: Page, hosted: HostedData): Promise<void> {
  await page.goto(hosted.host.url)
  await waitConnected(page, 'Embedded TimescaleDB')
  await openView(page, 'Charts')
}

/** The main area's catalog tree (the sidebar has a narrower one of its own). */
export const databasePage = (page: Page) => page.getByRole('region', { name: 'Database' })

/** Charts a table from the sidebar's tree of tables. */
export async function chartFromSidebar(page: Page, table: string): Promise<void> {
  const tables = page.getByRole('region', { name: 'Tables' })
  await tables
    .getByRole('listitem', { name: table, exact: true })
    .getByRole('button', {
      name: 'Chart',
    })
    .click()
  await expect(page.getByLabel('Table', { exact: true })).toHaveValue(
    JSON.stringify(['public', table]),
  )
}

/** Counts the calls named `name` the page sends to the web host from now on. */
export function countCalls(page: Page, name: string): () => number {
  let count = 0
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return
      const message = decodeFrame(payload) as { t?: string; name?: string }
      if (message.t === 'call' && message.name === name) count++
    }),
  )
  return () => count
}

/** Ticks values in the filter on `column` (opening it first). */
export async function filterOn(page: Page, column: string, values: string[]): Promise<void> {
  const filters = page.getByRole('group', { name: 'Filters', exact: true })
  await filters.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: column })
  const editor = filters.getByRole('group', { name: column, exact: true })
  for (const value of values) {
    await editor.getByRole('checkbox', { name: value, exact: true }).check()
  }
}
