import { readFile } from 'node:fs/promises'
import { isoWithOffset } from '../../shared/time-zone'
import { expect, openView, test, waitConnected } from '../fixtures'
import { bucketShown, bucketsShown, exportCsvRows, timeChart } from '../support/chart-page'
import { parseCsv, useSharedHost } from '../support/data-dirs'
import { hostWithReadings, readings } from '../support/quick-start-data'

const MINUTE = 60_000
/** How the Sensors page writes a time: "2026-01-02 08:34:05" on the zone's wall clock. */
const formatTime = (ms: number, timeZone: string) =>
  isoWithOffset(ms, timeZone).slice(0, 19).replace('T', ' ')
// The OS's zone, as the page sees it: the picker starts there.
test.use({ timezoneId: 'UTC' })

test.describe('display time zone and pinned buckets', () => {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE
  const sharedHost = useSharedHost(
    () => hostWithReadings(end),
    'Loads its data into a web host data folder first.',
  )

  test('a picked zone sets where 12-hour buckets start, the CSV offsets and "Last reading"', async ({
    page,
  }) => {
    const hosted = sharedHost()
    await page.goto(hosted.host.url)
    await waitConnected(page, 'Embedded TimescaleDB')
    const picker = page.getByLabel('Time zone', { exact: true })
    await expect(picker).toHaveValue('UTC')
    await picker.selectOption('Asia/Kolkata')

    await openView(page, 'Charts')
    await page.getByLabel('Bucket', { exact: true }).selectOption({ label: '12 hours' })
    await expect.poll(() => bucketShown(page)).toBe(12 * 3600)
    await expect(timeChart(page)).toHaveAccessibleName(/\(Asia\/Kolkata\), 4 series/)
    // Every bucket starts at 00:00 or 12:00 in Kolkata, written with its +05:30 offset.
    const [header, ...rows] = await exportCsvRows(page)
    expect(header?.[0]).toBe('bucket_start')
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const row of rows) expect(row[0]).toMatch(/T(00|12):00:00\.000\+05:30$/)

    // The Sensors page's "Last reading" is Kolkata's wall clock too.
    await openView(page, 'Sensors')
    const table = page.getByRole('table', { name: 'Sensors' })
    const first = table.getByRole('row').nth(1)
    await expect(first).toContainText(formatTime(end - MINUTE, 'Asia/Kolkata'))
    expect(formatTime(end - MINUTE, 'Asia/Kolkata')).not.toBe(formatTime(end - MINUTE, 'UTC'))
  })

  test('a pinned 5 minutes over 30 days stays 5 minutes, drawn past the pixels', async ({
    page,
  }) => {
    const hosted = sharedHost()
    await page.goto(hosted.host.url)
    await waitConnected(page, 'Embedded TimescaleDB')
    await openView(page, 'Charts')
    await page.getByLabel('Bucket', { exact: true }).selectOption({ label: '5 minutes' })
    await page.getByLabel('Range', { exact: true }).selectOption('30d')
    const caption = page.locator('#chart-caption')
    await expect(caption).toContainText('more buckets than the plot has pixels, all drawn')
    expect(await bucketShown(page)).toBe(300)
    // 30 days of 5 minutes: 8,640 buckets (one more when the range starts mid-bucket).
    expect(await bucketsShown(page)).toBeGreaterThanOrEqual(8640)
    await expect(timeChart(page).locator('canvas')).toBeVisible()

    // "Export CSV" as plotted: every 5-minute bucket of the 30 days.
    const csvAs = page.getByLabel('Export CSV as', { exact: true })
    await expect(csvAs).toHaveValue('buckets')
    const [, ...buckets] = await exportCsvRows(page)
    expect(buckets.length).toBeGreaterThanOrEqual(8640)

    // As raw rows: every reading of the range, exactly as stored, streamed by the backend's
    // export job through a cursor into the web host's download (not assembled in the page).
    await csvAs.selectOption('raw')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(new URL(download.url()).pathname).toMatch(/^\/downloads\/[A-Za-z0-9_-]+$/)
    expect(download.suggestedFilename()).toMatch(/^sensor_data-temperature-rows-[\d-]+\.csv$/)
    const [header, ...raw] = parseCsv(await readFile(await download.path(), 'utf8'))
    expect(header).toEqual(['time', 'sensor_id', 'temperature'])
    const stored = readings(end)
    expect(raw).toHaveLength(stored.length)
    const byKey = new Map(stored.map((r) => [`${r.time}|${r.sensorId}`, r.temperature]))
    for (const [time, sensor, temperature] of raw) {
      expect(time).toMatch(/\+00:00$/)
      const key = `${Date.parse(time!.replace(/(\.\d{3})\d{3}/, '$1'))}|${sensor}`
      expect(Number(temperature), key).toBe(byKey.get(key))
    }
    await expect(
      page.getByRole('status').filter({
        hasText: `Exported ${stored.length.toLocaleString('en-US')} rows.`,
      }),
    ).toBeVisible()
  })
})
