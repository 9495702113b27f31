import { expect, openView, screenshot, test } from '../fixtures'
import { legendItems } from '../support/chart-page'
import {
  chartFromSidebar,
  databasePage,
  openCharts,
  withExploreHost,
} from '../support/explore-page'

/**
 * Rollups through the UI, on the embedded TimescaleDB: weather's chart reads
 * raw rows; "Speed up this chart" proposes a continuous aggregate, shows its
 * SQL, creates it and fills it as a job; the caption then says the chart
 * comes from it, "Use rollups" switches back to raw rows to compare, the
 * Database page lists it under weather, and "Remove rollup" asks first.
 */
test.describe('rollups', () => {
  test.use({ timezoneId: 'UTC' })

  test('speed up a chart, compare with raw rows, see it in the catalog, remove it', async ({
    page,
    appHost,
  }) => {
    await withExploreHost(appHost, 'rollups', async (hosted) => {
      await openCharts(page, hosted)
      await chartFromSidebar(page, 'weather')
      await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'station' })
      await expect(legendItems(page)).toHaveCount(4)
      const caption = page.locator('#chart-caption')
      await expect(caption).toContainText('from raw rows')
      await expect(page.getByRole('checkbox', { name: 'Use rollups' })).toBeChecked()

      // The proposal: name, bucket, grouped by station, the SQL; then create and fill.
      await page.getByRole('button', { name: 'Speed up this chart' }).click()
      const proposal = page.getByRole('region', { name: 'Proposed rollup' })
      await expect(proposal).toContainText('public.weather_')
      await expect(proposal).toContainText('station')
      await expect(proposal.getByLabel('Rollup SQL')).toContainText('WITH NO DATA')
      await expect(proposal.getByLabel('Rollup SQL')).toContainText(
        'add_continuous_aggregate_policy',
      )
      await screenshot(page, 'rollup-proposal')
      await proposal.getByRole('button', { name: 'Create rollup' }).click()
      await expect(page.getByRole('status').filter({ hasText: /is filled/ })).toBeVisible({
        timeout: 60_000,
      })
      await expect(caption).toContainText(/from weather_\w+, \d+ \w+ rollup, materialized to/)
      await expect(legendItems(page)).toHaveCount(4)
      const source = (await caption.locator('.chart-source').textContent()) ?? ''
      const name = /from (weather_\w+),/.exec(source)?.[1] ?? ''
      expect(name).not.toBe('')

      // Show SQL shows the statement really run: over the aggregate.
      await page.getByRole('checkbox', { name: 'Show SQL' }).check()
      await expect(page.getByRole('region', { name: 'SQL' })).toContainText(`"public"."${name}"`)
      await screenshot(page, 'rollup-chart')

      // Use rollups off: raw rows again, same table; on: the aggregate.
      await page.getByRole('checkbox', { name: 'Use rollups' }).uncheck()
      await expect(caption).toContainText('from raw rows')
      await expect(page.getByRole('region', { name: 'SQL' })).not.toContainText(name)
      await page.getByRole('checkbox', { name: 'Use rollups' }).check()
      await expect(caption).toContainText(`from ${name}`)

      // The Database page lists it under weather, with its details.
      await openView(page, 'Database')
      const db = databasePage(page)
      const tree = db.getByRole('group', { name: 'Schema public' })
      const items = tree.getByRole('listitem')
      const names = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
      expect(names.indexOf(name)).toBe(names.indexOf('weather') + 1)
      await tree.getByRole('button', { name: 'weather', exact: true }).click()
      const rollups = db.getByRole('region', { name: 'Continuous aggregates' })
      const item = rollups.getByRole('listitem', { name })
      await expect(item).toContainText('Materialized up to')
      await expect(item).toContainText('station')
      await expect(item).toContainText('Refresh policy')
      await screenshot(page, 'rollup-catalog')

      // Remove rollup asks first; keeping it changes nothing, removing it goes back to raw rows.
      await openView(page, 'Charts')
      await expect(caption).toContainText(`from ${name}`)
      await page.getByRole('button', { name: 'Remove rollup' }).click()
      const confirm = page.getByRole('group', { name: `Remove ${name}?` })
      await confirm.getByRole('button', { name: 'Keep it' }).click()
      await expect(caption).toContainText(`from ${name}`)
      await page.getByRole('button', { name: 'Remove rollup' }).click()
      await confirm.getByRole('button', { name: 'Remove', exact: true }).click()
      await expect(caption).toContainText('from raw rows')
      await expect(page.getByRole('button', { name: 'Speed up this chart' })).toBeVisible()
    })
  })
})
