import {
  HOSTILE_COLUMNS,
  HOSTILE_TABLE,
  STATIONS,
  WEATHER_FROM,
  WEATHER_TO,
} from '../../electron/backend/test-support/explore-fixtures'
import { expect, openView, screenshot, test, waitConnected } from '../fixtures'
import {
  bucketShown,
  bucketsShown,
  dragAcrossPlot,
  exportCsvRows,
  legendItems,
  timeChart,
} from '../support/chart-page'
import { withEmbedded } from '../support/data-dirs'
import {
  chartFromSidebar,
  countCalls,
  databasePage,
  filterOn,
  openCharts,
  useExploreHost,
  withExploreHost,
} from '../support/explore-page'

/** Your own tables, not the quick start's: the explore data (hostWithExploreData). */
test.describe('exploring your own tables', () => {
  // Times on the page in UTC, like the fixture's.
  test.use({ timezoneId: 'UTC' })

  test('the catalog lists weather; its chart split by station, two stations, zoomed, exports what the database holds', async ({
    page,
    appHost,
  }) => {
    await withExploreHost(appHost, 'explore', async (hosted) => {
      let csv: string[][]
      let bucket = 0
      try {
        await page.goto(hosted.host.url)
        await waitConnected(page, 'Embedded TimescaleDB')
        await openView(page, 'Database')
        const db = databasePage(page)
        await expect(db.getByRole('heading', { level: 1, name: 'Database' })).toBeVisible()

        // The catalog, filtered by name: weather is a hypertable; metrics is filtered out.
        const tree = db.getByRole('group', { name: 'Schema public' })
        await expect(tree.getByRole('listitem', { name: 'metrics', exact: true })).toBeVisible()
        await db.getByRole('searchbox', { name: 'Filter tables' }).fill('weath')
        await expect(tree.getByRole('listitem', { name: 'metrics', exact: true })).toHaveCount(0)
        const weather = tree.getByRole('listitem', { name: 'weather', exact: true })
        await expect(weather).toContainText('hypertable')

        // Its detail: columns and types, time dimension, chunks, first and last time.
        await weather.getByRole('button', { name: 'weather', exact: true }).click()
        const detail = db.getByRole('region', { name: 'public.weather' })
        const columns = detail.getByRole('table', { name: 'Columns' })
        const types: [column: string, type: string][] = [
          ['observed_at', 'timestamp with time zone'],
          ['station', 'text'],
          ['temp_c', 'real'],
          ['humidity', 'smallint'],
          ['pressure', 'numeric(6,1)'],
        ]
        for (const [name, type] of types) {
          await expect(columns.getByRole('row', { name: new RegExp(`^${name} `) })).toContainText(
            type,
          )
        }
        await expect(detail).toContainText(
          'observed_at (timestamp with time zone), chunks of 1 day',
        )
        await expect(detail.getByText('Chunks', { exact: true })).toBeVisible()
        // Read from the time index, not a scan: the fixture's first and last reading (UTC here).
        await expect(detail).toContainText('observed_at: 2026-01-10 00:00:00 – 2026-01-12 23:50:00')
        await screenshot(page, 'database-weather')

        // Chart: the builder opens on weather with its time dimension and first measure.
        await detail.getByRole('button', { name: 'Chart', exact: true }).click()
        await expect(page.getByRole('heading', { level: 1, name: 'Charts' })).toBeVisible()
        await expect(page.getByLabel('Time column', { exact: true })).toHaveValue('observed_at')
        const measures = page.getByRole('group', { name: 'Measures' })
        for (const name of ['temp_c', 'humidity', 'pressure']) {
          await expect(measures.getByRole('checkbox', { name, exact: true })).toBeVisible()
        }
        await expect(measures.getByRole('checkbox', { name: 'temp_c' })).toBeChecked()
        await expect(measures.getByRole('combobox', { name: 'Aggregate' })).toHaveValue('avg')
        // The readings are older than the last 24 hours: the chart shows all of them.
        await expect(page.getByLabel('Range', { exact: true })).toHaveValue('all')
        await expect(legendItems(page)).toHaveCount(1)

        await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'station' })
        await expect(legendItems(page)).toHaveCount(STATIONS.length)
        await filterOn(page, 'station', ['north', 'south'])
        await expect(legendItems(page)).toHaveCount(2)
        await expect(page.locator('#chart-caption')).toContainText('2 series')
        await expect(timeChart(page).locator('canvas')).toBeVisible()

        // Zoom: a new query over a fifth of the range. The readings are 10 minutes apart, so
        // Auto keeps a bucket no finer than that: fewer buckets, not always narrower ones.
        const whole = await bucketsShown(page)
        await dragAcrossPlot(page, 0.3, 0.5)
        await expect.poll(() => bucketsShown(page)).toBeLessThan(whole / 3)
        expect(await bucketShown(page)).toBeGreaterThanOrEqual(600)
        await expect(legendItems(page)).toHaveCount(2)
        bucket = await bucketShown(page)
        await screenshot(page, 'explore-weather-zoomed')
        csv = await exportCsvRows(page)
      } finally {
        await hosted.host.stop()
      }

      // The export against the database's own time_bucket averages, through the engine's driver.
      const [header, ...all] = csv
      expect(header?.slice(1).sort()).toEqual(['north', 'south'])
      // The zoomed range starts and ends inside a bucket; every bucket in between is whole.
      const rows = all.slice(1, -1)
      expect(rows.length).toBeGreaterThan(10)
      const from = Date.parse(rows[0]?.[0] ?? '')
      const to = Date.parse(rows.at(-1)?.[0] ?? '') + bucket * 1000
      expect(from).toBeGreaterThanOrEqual(Date.parse(WEATHER_FROM))
      expect(to).toBeLessThanOrEqual(Date.parse(WEATHER_TO))
      const { rows: expectedRows } = await withEmbedded(hosted.dataDir, (driver) =>
        driver.query<{ bucket: Date; station: string; avg: number }>(
          `SELECT time_bucket($1::interval, observed_at) AS bucket, station, avg(temp_c) AS avg
             FROM weather
            WHERE station = ANY($2) AND observed_at >= $3 AND observed_at < $4
            GROUP BY 1, 2`,
          [
            `${bucket} seconds`,
            ['north', 'south'],
            new Date(from).toISOString(),
            new Date(to).toISOString(),
          ],
        ),
      )
      const expected = new Map(
        expectedRows.map((r) => [`${new Date(r.bucket).toISOString()}|${r.station}`, r.avg]),
      )
      let compared = 0
      for (const row of rows) {
        header?.slice(1).forEach((station, i) => {
          const cell = row[i + 1] ?? ''
          // The export writes the display zone's offset; the database's buckets are UTC instants.
          const value = expected.get(
            `${new Date(Date.parse(row[0] ?? '')).toISOString()}|${station}`,
          )
          if (cell === '') {
            expect(value, `${row[0]} ${station}`).toBeUndefined()
          } else {
            expect(Number(cell), `${row[0]} ${station}`).toBeCloseTo(value ?? Number.NaN, 9)
            compared++
          }
        })
      }
      expect(compared).toBe(expectedRows.length)
    })
  })

  test.describe('on one web host', () => {
    const sharedHost = useExploreHost('explore-shared')

    test('a table whose every name is hostile is listed and charted, its names shown as text', async ({
      page,
    }) => {
      const hosted = sharedHost()
      const injected: string[] = []
      page.on('dialog', (dialog) => {
        injected.push(dialog.message())
        void dialog.dismiss()
      })
      await openCharts(page, hosted)
      const c = HOSTILE_COLUMNS
      await chartFromSidebar(page, HOSTILE_TABLE)
      await expect(page.getByLabel('Time column', { exact: true })).toHaveValue(c.time)
      const measures = page.getByRole('group', { name: 'Measures' })
      await expect(measures.getByRole('checkbox', { name: c.value, exact: true })).toBeChecked()
      await measures.getByRole('checkbox', { name: c.unicode, exact: true }).check()
      await page.getByLabel('Split by', { exact: true }).selectOption({ label: c.split })
      // No index leads with its time column: the first and last time are not read (no scan),
      // so the chart says so and a custom range finds the rows.
      await expect(page.locator('.chart-nodata')).toContainText(`No index leads with ${c.time}`)
      await page.getByLabel('Range', { exact: true }).selectOption('custom')
      await page.getByLabel('From', { exact: true }).fill('2026-01-10T00:00')
      await page.getByLabel('To', { exact: true }).fill('2026-01-10T06:00')
      // Two measures by two values of a column named "select": four series, named as text.
      const legend = legendItems(page)
      await expect(legend).toHaveCount(4)
      for (const value of ['from', 'where']) {
        for (const column of [c.value, c.unicode]) {
          await expect(legend.filter({ hasText: `${value} · avg(${column})` })).toHaveCount(1)
        }
      }
      await page.getByRole('checkbox', { name: 'Show SQL' }).check()
      await expect(page.getByRole('region', { name: 'SQL' })).toContainText(
        `FROM "public"."weird ""table""; drop" d`,
      )
      await openView(page, 'Database')
      await expect(
        databasePage(page).getByRole('listitem', { name: HOSTILE_TABLE, exact: true }),
      ).toBeVisible()
      expect(injected).toEqual([])
    })

    test('the coverage view shows each station’s rows per bucket, the south station’s outage as empty cells', async ({
      page,
    }) => {
      const hosted = sharedHost()
      const chartCalls = countCalls(page, 'series/chart')
      await openCharts(page, hosted)
      await chartFromSidebar(page, 'weather')
      await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'station' })
      await expect(legendItems(page)).toHaveCount(STATIONS.length)
      await expect(page.locator('.chart-area')).toHaveAttribute('aria-busy', 'false')
      const bucket = await bucketShown(page)
      const queries = chartCalls()

      await page.getByRole('radio', { name: 'Coverage' }).check()
      const coverage = page.getByRole('region', { name: 'Coverage' })
      const heatmap = coverage.getByRole('img', { name: /^Rows per bucket: / })
      await expect(heatmap).toBeVisible()
      await expect(timeChart(page)).toHaveCount(0)
      // The same query's counts: showing them asks the database nothing new.
      expect(chartCalls()).toBe(queries)
      // One row per station; the south station was down 04:00–06:00 on 11 January.
      const summary = coverage.getByRole('listitem').filter({ hasText: /rows per bucket/ })
      await expect(summary).toHaveCount(STATIONS.length)
      expect(7200 % bucket, `the bucket (${bucket} s) divides the two-hour outage`).toBe(0)
      await expect(summary.filter({ hasText: /^south: / })).toContainText(`${7200 / bucket} empty`)
      for (const station of ['north', 'east', 'west']) {
        await expect(summary.filter({ hasText: new RegExp(`^${station}: `) })).not.toContainText(
          'empty',
        )
      }
      const box = await heatmap.boundingBox()
      if (!box) throw new Error('The heatmap has no size')
      const canvasSize = await heatmap.evaluate((c: HTMLCanvasElement) => [c.width, c.height])
      expect(canvasSize[0]).toBeGreaterThan(100)
      expect(canvasSize[1]).toBeGreaterThan(0)
      await screenshot(page, 'explore-coverage')

      // Back to the line chart: the same reply, drawn again.
      await page.getByRole('radio', { name: 'Line chart' }).check()
      await expect(timeChart(page).locator('canvas')).toBeVisible()
      expect(chartCalls()).toBe(queries)
    })
  })
})
