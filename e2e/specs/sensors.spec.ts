import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { openEmbeddedDriver } from '../../electron/backend/db/embedded/embedded-driver'
import { setUpSchema } from '../../electron/backend/schema/setup'
import { seedQuickStartSensors } from '../../electron/backend/sensors/repository'
import { ENGINE_WORKER_PATH } from '../../electron/backend/test-support/backend'
import { expect, expectNotCovered, openView, screenshot, test, waitConnected } from '../fixtures'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

const SQL_TEXT = "'); DROP TABLE sensors;--"
const HTML_TEXT = '<img src=x onerror=alert(1)>'
const UNICODE_TEXT = 'Zürich 🌡️ 東京'

async function openSensors(app: Page) {
  await waitConnected(app, /^Embedded TimescaleDB 2\.23/)
  await openView(app, 'Sensors')
  await expect(app.getByRole('heading', { level: 1, name: 'Sensors' })).toBeVisible()
}

test.describe('sensors page', () => {
  let fresh: WebHostProcess | null = null

  // The worker's shared web host may already hold other specs' tables: start from an empty one.
  test.beforeEach(async ({ app, appHost }) => {
    if (appHost !== 'web') return
    fresh = await startWebHostProcess()
    await app.goto(fresh.url)
  })

  test.afterEach(async () => {
    await fresh?.stop()
    fresh = null
  })

  test('sets up the schema, adds the quick-start sensors, edits one and deletes one', async ({
    app,
  }) => {
    const dialogs: string[] = []
    app.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await openSensors(app)

    const schema = app.getByRole('region', { name: 'Schema' })
    await expect(schema).toContainText(
      'The quick start’s tables, sensors and sensor_data, do not exist in this database yet.',
    )
    await expect(schema.getByText('Not set up')).toBeVisible()
    await screenshot(app, 'sensors-1-no-schema')

    await schema.getByRole('button', { name: 'Set up schema' }).click()
    await expect(
      schema.getByText('sensors and the sensor_data hypertable are set up.'),
    ).toBeVisible()
    const stats = schema.getByRole('definition')
    await expect(stats.filter({ hasText: 'Hypertable' })).toBeVisible()
    await expect(schema.getByText(/^Rows \(estimate\)$/)).toBeVisible()
    await expect(schema.getByRole('button', { name: 'Set up schema' })).toHaveCount(0)
    await expect(app.getByRole('status').filter({ hasText: 'Schema set up' })).toBeVisible()

    const list = app.getByRole('region', { name: 'Sensor list' })
    await expect(list).toContainText('No sensors yet.')
    await screenshot(app, 'sensors-2-schema-ready')

    await list.getByRole('button', { name: 'Add the four quick-start sensors' }).click()
    const table = list.getByRole('table', { name: 'Sensors' })
    const rows = table.getByRole('row')
    await expect(rows).toHaveCount(5)
    for (const [i, type, location] of [
      [1, 'a', 'floor'],
      [2, 'a', 'ceiling'],
      [3, 'b', 'floor'],
      [4, 'b', 'ceiling'],
    ] as const) {
      await expect(rows.nth(i)).toContainText(`${i}${type}${location}0—`)
      // Each row's buttons say which sensor they act on.
      const name = `sensor ${i} (${type} · ${location})`
      for (const action of ['Edit', 'Delete']) {
        const button = rows.nth(i).getByRole('button', { name: `${action} ${name}`, exact: true })
        await expect(button).toHaveText(action)
      }
    }
    // The success notifications are showing, and no button of the table is under them.
    await expect(
      app.getByRole('status').filter({ hasText: 'Added 4 quick-start sensors' }),
    ).toBeVisible()
    for (const button of await table.getByRole('button').all()) await expectNotCovered(button)
    await screenshot(app, 'sensors-3-seeded')

    // Edit sensor 2 in place, with text that would be harmful if it were SQL or HTML.
    const row2 = rows.filter({ has: app.getByRole('cell', { name: '2', exact: true }) })
    await row2.getByRole('button', { name: 'Edit sensor 2 (a · ceiling)', exact: true }).click()
    const editing = rows.filter({ has: app.getByRole('button', { name: 'Save' }) })
    await editing.getByLabel('Type', { exact: true }).fill(SQL_TEXT)
    await editing.getByLabel('Location', { exact: true }).fill(HTML_TEXT)
    await screenshot(app, 'sensors-4-editing')
    await editing.getByRole('button', { name: 'Save' }).click()
    await expect(row2.getByRole('cell', { name: SQL_TEXT, exact: true })).toBeVisible()
    await expect(row2.getByRole('cell', { name: HTML_TEXT, exact: true })).toBeVisible()
    await expect(app.locator('img')).toHaveCount(0)

    // Validation happens before sending, with the message beside the field.
    const form = app.getByRole('form', { name: 'New sensor' })
    await form.getByLabel('Type', { exact: true }).fill('   ')
    await form.getByLabel('Location', { exact: true }).fill('x'.repeat(51))
    await form.getByRole('button', { name: 'Add sensor' }).click()
    await expect(form.getByText('Type is required')).toBeVisible()
    await expect(form.getByText('Location must be at most 50 characters')).toBeVisible()
    await form.getByLabel('Type', { exact: true }).fill(UNICODE_TEXT)
    await form.getByLabel('Location', { exact: true }).fill('  roof  ')
    await form.getByRole('button', { name: 'Add sensor' }).click()
    await expect(rows).toHaveCount(6)
    await expect(rows.nth(5)).toContainText(`5${UNICODE_TEXT}roof0—`)
    await expect(form.getByLabel('Type', { exact: true })).toHaveValue('')

    // Delete sensor 4 after the confirmation, which says what goes with it.
    const row4 = rows.filter({ has: app.getByRole('cell', { name: '4', exact: true }) })
    await row4.getByRole('button', { name: 'Delete' }).click()
    const dialog = app.getByRole('dialog', { name: 'Delete sensor?' })
    await expect(dialog).toContainText('Sensor 4 (b, ceiling) has no readings.')
    await screenshot(app, 'sensors-5-confirm-delete')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(dialog).toBeHidden()
    await expect(rows).toHaveCount(5)
    await expect(table.getByRole('cell', { name: '4', exact: true })).toHaveCount(0)

    // What the page shows is what the database holds: read it all again.
    await app.reload()
    await openSensors(app)
    await expect(rows).toHaveCount(5)
    await expect(rows.nth(2)).toContainText(`2${SQL_TEXT}${HTML_TEXT}0—`)
    await expect(rows.nth(4)).toContainText(`5${UNICODE_TEXT}roof0—`)
    await expect(schema.getByText('Set up', { exact: true })).toBeVisible()
    await screenshot(app, 'sensors-6-after-reload')
    expect(dialogs).toEqual([])
  })

  test('Cancel and Escape leave a sensor alone', async ({ app }) => {
    await openSensors(app)
    await app.getByRole('button', { name: 'Set up schema' }).click()
    await app.getByRole('button', { name: 'Add the four quick-start sensors' }).click()
    const rows = app.getByRole('table', { name: 'Sensors' }).getByRole('row')
    await expect(rows).toHaveCount(5)

    await rows.nth(1).getByRole('button', { name: 'Delete' }).click()
    const dialog = app.getByRole('dialog', { name: 'Delete sensor?' })
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await app.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await rows.nth(1).getByRole('button', { name: 'Delete' }).click()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()

    await rows.nth(1).getByRole('button', { name: 'Edit' }).click()
    const type = rows.nth(1).getByLabel('Type', { exact: true })
    await expect(type).toBeFocused()
    await type.fill('changed')
    await app.keyboard.press('Escape')
    await expect(rows).toHaveCount(5)
    await expect(rows.nth(1)).toContainText('1afloor0—')
  })

  test('on a set-up schema with no sensors, Generate sample data then Start loads data', async ({
    app,
  }) => {
    await openSensors(app)
    await app.getByRole('button', { name: 'Set up schema' }).click()
    const list = app.getByRole('region', { name: 'Sensor list' })
    await expect(list).toContainText('No sensors yet.')

    await app.getByRole('button', { name: 'Generate sample data' }).click()
    const dialog = app.getByRole('dialog', { name: 'Generate sample data' })
    await expect(dialog.getByText('There are no sensors yet.')).toBeVisible()
    await expect(
      dialog.getByRole('checkbox', { name: 'Add the four quick-start sensors first' }),
    ).toBeChecked()
    await dialog.getByRole('button', { name: 'Start' }).click()
    await expect(dialog.getByRole('status')).toContainText(/^Loaded 1,156 rows in /, {
      timeout: 60_000,
    })
    await expect(dialog.getByText(/^First: added 4 quick-start sensors\.$/)).toBeVisible()
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(app.getByText('sensor_data: 1,156 readings from 4 sensors.')).toBeVisible()
  })

  test('deleting a sensor with readings asks first, saying how many go with it', async ({
    app,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Prepares the web host’s data folder before it starts.')
    // No page makes readings yet, so prepare them the way the quick start does, before the app starts.
    const dataDir = join(await mkdtemp(join(tmpdir(), 'e2e-readings-')), 'embedded')
    const driver = await openEmbeddedDriver({ dataDir, workerPath: ENGINE_WORKER_PATH })
    await setUpSchema(driver)
    await driver.transaction((tx) => seedQuickStartSensors(tx))
    await driver.query(
      `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
       SELECT generate_series(now() - interval '24 hour', now(), interval '5 minute'), 1,
              random() * 100, random()`,
    )
    await driver.close()
    await fresh?.stop()
    fresh = await startWebHostProcess({ dataDir })
    await app.goto(fresh.url)
    await openSensors(app)

    const rows = app.getByRole('table', { name: 'Sensors' }).getByRole('row')
    await expect(rows.nth(1)).toContainText('1afloor289')
    await rows.nth(1).getByRole('button', { name: 'Delete' }).click()
    const dialog = app.getByRole('dialog', { name: 'Delete sensor?' })
    await expect(dialog).toContainText(
      'Sensor 1 (a, floor) has 289 readings. They are deleted with it, in one transaction: both go, or neither does.',
    )
    await screenshot(app, 'sensors-7-confirm-delete-with-readings')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(dialog).toBeHidden()
    await expect(app.getByRole('status').filter({ hasText: 'Deleted sensor 1' })).toContainText(
      'Its 289 readings were deleted with it.',
    )
    await expect(rows).toHaveCount(4)
    await expect(rows.nth(1)).toContainText('2aceiling0—')
  })
})
