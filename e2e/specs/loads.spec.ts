import type { Page } from '@playwright/test'
import {
  expect,
  openView,
  screenshot,
  testWithOwnWebHost as test,
  waitConnected,
} from '../fixtures'

/*
 * Bulk loads on the embedded engine the app starts with. The steps build on
 * each other (the sample data is what the later counts add to), so this file
 * gets a web host of its own, with an empty database, and runs in order.
 */

test.describe.configure({ mode: 'serial' })

const summaryPattern = /^sensor_data: ([\d,]+) readings from (\d+) sensors?\.$/

async function openSensors(app: Page): Promise<void> {
  await waitConnected(app, 'PostgreSQL')
  await openView(app, 'Sensors')
}

/** The row count the Sensors view shows (from sensors/list). */
async function readings(app: Page): Promise<number> {
  const summary = app.getByText(summaryPattern)
  await expect(summary).toBeVisible()
  const match = summaryPattern.exec((await summary.textContent()) ?? '')
  return Number(match?.[1]?.replaceAll(',', ''))
}

async function expectReadings(app: Page, n: number): Promise<void> {
  await expect(app.getByText(summaryPattern)).toHaveText(
    new RegExp(`^sensor_data: ${n.toLocaleString('en')} readings from \\d+ sensors?\\.$`),
  )
}

async function importFile(app: Page, name: string, text: string): Promise<void> {
  const chooser = app.waitForEvent('filechooser')
  await app.getByRole('button', { name: 'Import CSV' }).click()
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
}

test('generates the quick-start preset, creating the schema and sensors first', async ({ app }) => {
  await openSensors(app)
  await app.getByRole('button', { name: 'Generate sample data' }).click()
  const dialog = app.getByRole('dialog', { name: 'Generate sample data' })
  await expect(dialog.getByRole('radio', { name: 'Quick start (24 h, every 5 min)' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: /^Week / })).toBeVisible()
  await expect(dialog.getByRole('radio', { name: /^Month / })).toBeVisible()
  await expect(dialog.getByLabel('Interval', { exact: true })).toHaveValue('5 min')

  // A fresh database: no tables, no sensors. Creating them is the default, so Start is one click;
  // unticking the offer says why Start cannot run without them.
  const offer = dialog.getByRole('checkbox', {
    name: 'Create the schema and the four quick-start sensors first',
  })
  await expect(offer).toBeChecked()
  const start = dialog.getByRole('button', { name: 'Start' })
  await expect(start).toBeEnabled()
  await offer.uncheck()
  await expect(start).toBeDisabled()
  await expect(dialog.getByText(/tick the box above to create them first/)).toBeVisible()
  await offer.check()
  await expect(dialog.getByText('289 readings per sensor × 4 sensors = 1,156 rows.')).toBeVisible()
  await screenshot(app, 'loads-sample-dialog')
  await dialog.getByRole('button', { name: 'Start' }).click()

  const bar = dialog.getByRole('progressbar')
  await expect(bar).toHaveAttribute('aria-valuemax', '1156')
  await expect(bar).toHaveAttribute('aria-valuenow', '1156')
  await expect(dialog.getByRole('status')).toContainText(/^Loaded 1,156 rows in [\d.]+ s/)
  await expect(dialog.getByText(/TimescaleDB: \d+ chunks? created/)).toBeVisible()
  await expect(dialog.getByText(/^First: .*added 4 quick-start sensors/)).toBeVisible()
  await screenshot(app, 'loads-sample-done')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()

  await expectReadings(app, 1156)
  await expect(app.getByText(summaryPattern)).toContainText('from 4 sensors')
})

test('cancels a large load, and no rows are added', async ({ app }) => {
  await openSensors(app)
  const before = await readings(app)
  await app.getByRole('button', { name: 'Generate sample data' }).click()
  const dialog = app.getByRole('dialog', { name: 'Generate sample data' })
  await dialog.getByLabel('From', { exact: true }).fill('2024-01-01T00:00:00')
  await dialog.getByLabel('To', { exact: true }).fill('2024-12-31T00:00:00')
  await dialog.getByLabel('Interval', { exact: true }).fill('1 s')
  await expect(dialog.getByRole('radio', { name: 'Custom' })).toBeChecked()
  await expect(dialog.getByText(/= 12[\d,]+ rows\.$/)).toBeVisible()
  await dialog.getByRole('button', { name: 'Start' }).click()

  const bar = dialog.getByRole('progressbar')
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0)
  await expect(bar).toHaveAttribute('aria-valuetext', /rows\/s · .* left$/)
  await screenshot(app, 'loads-sample-running')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Cancelled. Nothing was saved.', {
    timeout: 60_000,
  })
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expectReadings(app, before)
})

test('imports a CSV file, with and without the mapping step', async ({ app }) => {
  await openSensors(app)
  const before = await readings(app)
  await importFile(
    app,
    'readings.csv',
    [
      'time,sensor_id,temperature,cpu',
      ...Array.from(
        { length: 10 },
        (_, i) => `2025-06-01T00:${String(i).padStart(2, '0')}:00Z,${(i % 2) + 1},21.5,0.25`,
      ),
      '',
    ].join('\n'),
  )
  const load = app.getByRole('region', { name: 'Load' })
  await expect(load.getByRole('status')).toContainText(/^Loaded 10 rows in /)
  const bar = load.getByRole('progressbar', { name: 'Bytes imported' })
  expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'))
  await expectReadings(app, before + 10)

  await importFile(
    app,
    'export.csv',
    'Timestamp,Sensor,Temp_C\n2025-06-02 00:00:00+00,1,20\n2025-06-02 00:01:00+00,2,20.5\n2025-06-02 00:02:00+00,3,21\n',
  )
  const mapping = app.getByRole('dialog', { name: 'Import export.csv' })
  await expect(mapping.getByLabel('Column “Timestamp”')).toHaveValue('time')
  await expect(mapping.getByLabel('Column “Sensor”')).toHaveValue('sensor_id')
  await expect(mapping.getByLabel('Column “Temp_C”')).toHaveValue('temperature')
  await screenshot(app, 'loads-csv-mapping')
  await mapping.getByRole('button', { name: 'Start' }).click()
  await expect(load.getByRole('status')).toContainText(/^Loaded 3 rows in /)
  await expectReadings(app, before + 13)
})

test('a bad CSV fails with its line number and adds nothing', async ({ app }) => {
  await openSensors(app)
  const before = await readings(app)
  await importFile(
    app,
    'bad.csv',
    'time,sensor_id,temperature,cpu\n2025-07-01T00:00:00Z,1,20,0.5\n2025-07-01T00:01:00Z,1,20,0.5\nnot-a-time,1,20,0.5\n',
  )
  const alert = app.getByRole('region', { name: 'Load' }).getByRole('alert')
  await expect(alert).toContainText('The import failed at line 4.')
  await expect(alert).toContainText(/Line 4: .*not-a-time.*Nothing was imported\./)
  await screenshot(app, 'loads-csv-bad-line')
  await expectReadings(app, before)

  await app.getByRole('button', { name: 'Hide result' }).click()
  await importFile(
    app,
    'unknown-sensor.csv',
    'time,sensor_id,temperature,cpu\n2025-07-01T00:00:00Z,1,20,0.5\n2025-07-01T00:00:00Z,42,20,0.5\n',
  )
  await expect(alert).toContainText('The import failed at line 3.')
  await expect(alert).toContainText('there is no sensor with id 42')
  await expectReadings(app, before)
})
