import { readFile } from 'node:fs/promises'
import { decodeFrame } from '../../shared/wire'
import { expect, openView, screenshot, test, waitConnected } from '../fixtures'
import {
  bucketShown,
  dragAcrossPlot,
  exportCsvRows,
  legendItems,
  timeChart,
} from '../support/chart-page'
import { withEmbedded } from '../support/data-dirs'
import { hostWithReadings } from '../support/quick-start-data'
import { startWebHostProcess } from '../support/web-host'

const MINUTE = 60_000

test.describe('charts', () => {
  test('draws one series per sensor, zooms to a finer bucket, exports what the database holds', async ({
    page,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Loads its data into a web host data folder before starting it.')
    const hosted = await hostWithReadings()
    const { host } = hosted
    let csv: string[][]
    let bucket: number
    // Every call the page sends to the web host, by name.
    const sent: string[] = []
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') return
        const message = decodeFrame(payload) as { t?: string; name?: string }
        if (message.t === 'call' && message.name) sent.push(message.name)
      }),
    )
    const chartCalls = () => sent.filter((name) => name === 'series/chart').length
    try {
      await page.goto(host.url)
      await waitConnected(page, 'Embedded TimescaleDB')
      await openView(page, 'Charts')

      const chart = timeChart(page)
      await expect(chart).toBeVisible()
      await expect(chart.locator('canvas')).toBeVisible()
      const legend = legendItems(page)
      await expect(legend).toHaveCount(4)
      await expect(legend.first()).toContainText('a · floor (#1)')
      // The quick start is the builder's preset: temperature by sensor.
      await expect(page.getByLabel('Table', { exact: true })).toHaveValue('preset:quick-start')
      for (const name of ['Time column', 'Split by', 'Range', 'Bucket']) {
        await expect(page.getByLabel(name, { exact: true })).toBeVisible()
      }
      const measures = page.getByRole('group', { name: 'Measures' })
      await expect(measures.getByRole('checkbox', { name: 'temperature' })).toBeChecked()
      await expect(measures.getByRole('checkbox', { name: 'cpu' })).not.toBeChecked()
      await expect(measures.getByRole('combobox', { name: 'Aggregate' })).toHaveValue('avg')
      await expect(page.getByRole('group', { name: 'Filters' })).toBeVisible()
      for (const name of ['Fill gaps', 'Show min/max', 'Show SQL', 'Live']) {
        await expect(page.getByRole('checkbox', { name })).toBeVisible()
      }
      const caption = page.locator('#chart-caption')
      await expect(caption).toContainText('4 series')
      const before = await bucketShown(page)
      // 24 hours over a plot of about 950 pixels: the quick start's own 5 minutes.
      expect(before).toBe(300)
      await screenshot(page, 'charts')

      // Drag across a fifth of the plot: the chart re-queries at a finer bucket.
      await dragAcrossPlot(page, 0.4, 0.6)
      await expect
        .poll(() => bucketShown(page), { message: 'the bucket shrinks after zooming' })
        .toBeLessThan(before)
      await expect(legend).toHaveCount(4)
      bucket = await bucketShown(page)
      await screenshot(page, 'charts-zoomed')

      await page.getByRole('checkbox', { name: 'Show SQL' }).check()
      await expect(page.getByRole('region', { name: 'SQL' })).toContainText('time_bucket(')

      csv = await exportCsvRows(page)

      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PNG' }).click(),
      ])
      expect(png.suggestedFilename()).toMatch(/^sensor_data-temperature-.*\.png$/)
      const bytes = await readFile(await png.path())
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')

      // Min/max: each bucket's range shows with the average.
      await page.getByRole('checkbox', { name: 'Show min/max' }).check()
      await expect(legend.first()).toContainText(/\(\d[\d.,]* – \d[\d.,]*\)/)

      // Double-click zooms back out to the whole range.
      await chart.locator('.u-over').dblclick()
      await expect(page.getByText(/^Zoomed to/)).toHaveCount(0)
      await expect.poll(() => bucketShown(page)).toBe(before)

      // The chart follows the OS theme: it repaints with the dark palette.
      const swatch = legend.first().locator('.legend-swatch')
      await expect(swatch).toHaveCSS('background-color', 'rgb(47, 111, 222)')
      await page.emulateMedia({ colorScheme: 'dark' })
      await expect(swatch).toHaveCSS('background-color', 'rgb(110, 160, 255)')
      await expect(chart.locator('canvas')).toBeVisible()
      await screenshot(page, 'charts-dark')

      // Split by location: one series per location, the quick start's join on sensors.
      const splitBy = page.getByLabel('Split by', { exact: true })
      await splitBy.selectOption({ label: 'sensor_id → sensors.location' })
      await expect(legend).toHaveCount(2)
      await expect(legend.nth(0)).toContainText('ceiling')
      await expect(legend.nth(1)).toContainText('floor')
      // Filter on type 'a', through the same foreign key.
      const filters = page.getByRole('group', { name: 'Filters' })
      await filters
        .getByRole('combobox', { name: 'Add a filter' })
        .selectOption({ label: 'sensor_id → sensors.type' })
      const byType = filters.getByRole('group', { name: 'sensor_id → sensors.type' })
      await byType.getByRole('checkbox', { name: 'a', exact: true }).check()
      await expect(caption).toContainText('2 series')
      await splitBy.selectOption({ label: 'sensor_id' })
      await expect(legend).toHaveCount(2)
      await expect(legend.nth(1)).toContainText('a · ceiling (#2)')

      // A custom absolute range starts from what is shown.
      await page.getByLabel('Range', { exact: true }).selectOption('custom')
      await expect(page.getByLabel('From', { exact: true })).not.toHaveValue('')
      await expect(page.getByLabel('To', { exact: true })).not.toHaveValue('')
      await expect(legend).toHaveCount(2)

      // Live: a refresh every 5 s while the view is shown, none once it is left.
      const beforeLive = chartCalls()
      await page.getByRole('checkbox', { name: 'Live' }).check()
      await expect.poll(chartCalls, { timeout: 15_000 }).toBeGreaterThan(beforeLive)
      await openView(page, 'Sensors')
      const afterLeaving = chartCalls()
      await page.waitForTimeout(6_000)
      expect(chartCalls()).toBe(afterLeaving)

      // Live on "All data": each tick reads the extent alone (two index probes); with no new
      // readings nothing else is asked: no filter values, no chart query.
      await openView(page, 'Charts')
      await expect(page.getByRole('checkbox', { name: 'Live' })).toBeChecked()
      await page.getByLabel('Range', { exact: true }).selectOption('all')
      await expect(caption).toContainText('2 series')
      await expect(page.locator('.chart-area')).toHaveAttribute('aria-busy', 'false')
      const mark = sent.length
      const dataCalls = () =>
        sent.slice(mark).filter((name) => name.startsWith('series/') || name.startsWith('catalog/'))
      await expect
        .poll(() => dataCalls().filter((name) => name === 'catalog/time-range').length, {
          timeout: 15_000,
        })
        .toBeGreaterThanOrEqual(2)
      expect(dataCalls().filter((name) => name !== 'catalog/time-range')).toEqual([])
    } finally {
      await host.stop()
    }

    // The export, cell by cell, against the database's own time_bucket averages.
    const [header, ...all] = csv
    expect(header).toEqual([
      'bucket_start',
      'a · floor (#1)',
      'a · ceiling (#2)',
      'b · floor (#3)',
      'b · ceiling (#4)',
    ])
    // The zoomed range starts and ends inside a bucket, whose average covers only the
    // readings in range; every bucket in between is whole.
    const rows = all.slice(1, -1)
    expect(rows.length).toBeGreaterThan(10)
    const first = Date.parse(rows[0]?.[0] ?? '')
    const last = Date.parse(rows.at(-1)?.[0] ?? '')
    try {
      const { rows: db } = await withEmbedded(hosted.dataDir, (driver) =>
        driver.query<{ bucket: Date; sensor_id: number; avg: number }>(
          `SELECT time_bucket($1::interval, time) AS bucket, sensor_id, avg(temperature) AS avg
           FROM sensor_data WHERE time >= $2 AND time < $3 GROUP BY 1, 2`,
          [
            `${bucket} seconds`,
            new Date(first).toISOString(),
            new Date(last + bucket * 1000).toISOString(),
          ],
        ),
      )
      const expected = new Map(
        db.map((r) => [`${new Date(r.bucket).toISOString()}|${r.sensor_id}`, r.avg]),
      )
      let compared = 0
      for (const row of rows) {
        for (let sensor = 1; sensor <= 4; sensor++) {
          const cell = row[sensor] ?? ''
          // The export writes the display zone's offset; the database's buckets are UTC instants.
          const value = expected.get(
            `${new Date(Date.parse(row[0] ?? '')).toISOString()}|${sensor}`,
          )
          if (cell === '') {
            expect(value, `${row[0]} sensor ${sensor}`).toBeUndefined()
          } else {
            expect(Number(cell), `${row[0]} sensor ${sensor}`).toBe(value)
            compared++
          }
        }
      }
      expect(compared).toBe(db.length)
    } finally {
      await hosted.close()
    }
  })

  test('changing the range three times quickly sends three queries, cancels two and draws the last', async ({
    page,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Reads the frames of the web host’s WebSocket.')
    const hosted = await hostWithReadings()
    const { host } = hosted
    interface Frame {
      t: string
      id?: string
      name?: string
      payload?: { from: number; to: number }
      result?: { ok: boolean; value?: { bucketSeconds: number }; error?: { code: string } }
    }
    const sent: Frame[] = []
    const received: Frame[] = []
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string') sent.push(decodeFrame(payload) as Frame)
      })
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string') received.push(decodeFrame(payload) as Frame)
      })
    })
    const replyTo = (id: string | undefined) => received.find((f) => f.t === 'reply' && f.id === id)
    try {
      await page.goto(host.url)
      await waitConnected(page, 'Embedded TimescaleDB')
      await openView(page, 'Charts')
      await expect(page.locator('#chart-caption')).toContainText('4 series')
      expect(await bucketShown(page)).toBe(300)
      const range = page.getByLabel('Range', { exact: true })
      await expect(range).toHaveValue('24h')
      const before = sent.length

      // Three changes in one go, as fast as a key held down on the list: each supersedes the last.
      await range.evaluate((select: HTMLSelectElement) => {
        for (const value of ['6h', '1h', '7d']) {
          select.value = value
          select.dispatchEvent(new Event('change', { bubbles: true }))
        }
      })
      const later = () => sent.slice(before)
      const queries = () => later().filter((f) => f.t === 'call' && f.name === 'series/chart')
      await expect.poll(() => replyTo(queries()[2]?.id)?.result?.ok ?? null).toBe(true)
      const [first, second, last] = queries()
      // Cancelled by id, and the backend answered each of them "cancelled".
      expect(
        later()
          .filter((f) => f.t === 'cancel')
          .map((f) => f.id),
      ).toEqual([first?.id, second?.id])
      for (const superseded of [first, second]) {
        await expect.poll(() => replyTo(superseded?.id)?.result?.error?.code).toBe('cancelled')
      }
      // The last one is drawn: 7 days, at the bucket it came back with.
      expect((last?.payload?.to ?? 0) - (last?.payload?.from ?? 0)).toBe(7 * 24 * 60 * MINUTE)
      const bucket = replyTo(last?.id)?.result?.value?.bucketSeconds
      await expect.poll(() => bucketShown(page)).toBe(bucket)
      await expect(range).toHaveValue('7d')
      await expect(timeChart(page).locator('canvas')).toBeVisible()
      expect(queries()).toHaveLength(3)
    } finally {
      await hosted.close()
    }
  })

  test('offers sample data when there are no readings', async ({ app }) => {
    await waitConnected(app, 'Embedded TimescaleDB')
    await openView(app, 'Charts')
    await expect(app.getByRole('heading', { name: 'No readings yet' })).toBeVisible()
    await expect(app.getByRole('button', { name: 'Generate sample data' })).toBeEnabled()
    await screenshot(app, 'charts-empty')
  })

  test('loads sample data from the empty state and charts it', async ({ page, appHost }) => {
    test.skip(appHost !== 'web', 'Starts a web host of its own for an empty database.')
    const host = await startWebHostProcess()
    try {
      await page.goto(host.url)
      await waitConnected(page, 'Embedded TimescaleDB')
      await openView(page, 'Charts')
      await page.getByRole('button', { name: 'Generate sample data' }).click()

      // One click: creating the schema and the quick-start sensors is the default.
      const dialog = page.getByRole('dialog', { name: 'Generate sample data' })
      await dialog.getByRole('button', { name: 'Start' }).click()
      await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1156', {
        timeout: 60_000,
      })
      await dialog.getByRole('button', { name: 'Done' }).click()

      // The chart follows the new data without a reload: four sensors, 5-minute buckets.
      const chart = timeChart(page)
      await expect(chart).toBeVisible({ timeout: 30_000 })
      const legend = legendItems(page)
      await expect(legend).toHaveCount(4)
      const labels = ['a · floor (#1)', 'a · ceiling (#2)', 'b · floor (#3)', 'b · ceiling (#4)']
      for (const [i, label] of labels.entries()) await expect(legend.nth(i)).toContainText(label)
      expect(await bucketShown(page)).toBe(300)
      await screenshot(page, 'charts-sample-data')
    } finally {
      await host.stop()
    }
  })
})
