import pg from 'pg'
import {
  startTestPostgres,
  type TestServer,
} from '../../electron/backend/test-support/postgres-server'
import { createExploreFixtures } from '../../electron/backend/test-support/explore-fixtures'
import { expect, openView, statusBar, test, waitConnected } from '../fixtures'
import { chartFromSidebar, databasePage } from '../support/explore-page'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

/**
 * Issue 16 item 6: on PostgreSQL without TimescaleDB the Database page and the
 * chart say plainly that rollups need it, and offer nothing that would fail.
 */
let server: TestServer
let host: WebHostProcess | null = null

test.beforeAll(async () => {
  server = await startTestPostgres({ tls: false })
  const client = new pg.Client({
    host: '127.0.0.1',
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
  })
  await client.connect()
  try {
    await createExploreFixtures(client, false)
  } finally {
    await client.end()
  }
})

test.afterAll(async () => {
  await host?.stop()
  await server?.destroy()
})

test('without TimescaleDB, rollups say they need it', async ({ page, appHost }) => {
  test.skip(appHost !== 'web', 'Drives its own web host connected to PostgreSQL 17.')
  host = await startWebHostProcess()
  await page.goto(host.url)
  await waitConnected(page, 'Embedded TimescaleDB')
  const url = `postgresql://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${server.database}?sslmode=disable`
  await page.getByLabel('Connection URL').fill(url)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(statusBar(page)).toContainText('TimescaleDB not installed')

  // The Database page: the table's rollups section says why there are none.
  await openView(page, 'Database')
  const db = databasePage(page)
  await db
    .getByRole('group', { name: 'Schema public' })
    .getByRole('button', { name: 'weather', exact: true })
    .click()
  await expect(db.getByRole('region', { name: 'Continuous aggregates' })).toContainText(
    'Rollups (continuous aggregates) need TimescaleDB, which this database does not have.',
  )

  // The chart: drawn from raw rows; "Use rollups" off and disabled, with the reason.
  await openView(page, 'Charts')
  await chartFromSidebar(page, 'weather')
  await expect(page.locator('#chart-caption')).toContainText('from raw rows')
  const useRollups = page.getByRole('checkbox', { name: 'Use rollups' })
  await expect(useRollups).toBeDisabled()
  await expect(useRollups).not.toBeChecked()
  await expect(useRollups).toHaveAccessibleDescription(
    'rollups (continuous aggregates) need TimescaleDB',
  )
  await expect(page.getByRole('button', { name: 'Speed up this chart' })).toHaveCount(0)
})
