import { expect, screenshot, test, waitConnected } from '../fixtures'
import { legendItems } from '../support/chart-page'
import { chartFromSidebar, filterOn, openCharts, useExploreHost } from '../support/explore-page'

/** Saved charts per connection profile, and the current chart in the URL hash (web host). */
test.describe('saved charts', () => {
  const sharedHost = useExploreHost('saved')

  test('saves a narrow table’s chart, restores it from the URL on reload, reopens, renames and deletes it', async ({
    page,
  }) => {
    await openCharts(page, sharedHost())

    // A narrow table (time, host_id, metric, value): split by host name, metric = 'cpu'.
    await chartFromSidebar(page, 'metrics')
    await expect(page.getByLabel('Time column', { exact: true })).toHaveValue('ts')
    const measures = page.getByRole('group', { name: 'Measures' })
    await expect(measures.getByRole('checkbox', { name: 'value', exact: true })).toBeChecked()
    await page.getByLabel('Split by', { exact: true }).selectOption({
      label: 'host_id → hosts.name',
    })
    await filterOn(page, 'metric', ['cpu'])
    const legend = legendItems(page)
    await expect(legend).toHaveCount(3)
    for (const [i, host] of ['alpha', 'beta', 'gamma'].entries()) {
      await expect(legend.nth(i)).toContainText(host)
    }
    const caption = page.locator('#chart-caption')
    await expect(caption).toContainText('3 series')
    const description = page.locator('.chart-description')
    const drawn = await description.innerText()
    expect(drawn).toContain('metrics')

    // Save chart: configuration only, listed in the sidebar for this profile.
    await page.getByRole('button', { name: 'Save chart' }).click()
    const form = page.getByRole('form', { name: 'Save chart' })
    await form.getByLabel('Chart name').fill('CPU by host')
    await form.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(form).toHaveCount(0)
    const saved = page.getByRole('list', { name: 'Saved charts' })
    await expect(saved.getByRole('button', { name: 'CPU by host', exact: true })).toBeVisible()

    // The URL holds the chart: a reload draws the same chart again.
    expect(new URL(page.url()).hash).toMatch(/^#chart=/)
    await page.reload()
    await waitConnected(page, 'Embedded TimescaleDB')
    await expect(page.getByRole('heading', { level: 1, name: 'Charts' })).toBeVisible()
    await expect(page.getByLabel('Table', { exact: true })).toHaveValue(
      JSON.stringify(['public', 'metrics']),
    )
    await expect(page.getByLabel('Split by', { exact: true })).toHaveValue('host_id→name')
    await expect(legend).toHaveCount(3)
    await expect(caption).toContainText('3 series')
    await expect(description).toHaveText(drawn)
    await expect(
      page
        .getByRole('group', { name: 'metric', exact: true })
        .getByRole('checkbox', { name: 'cpu', exact: true }),
    ).toBeChecked()

    // Another chart, then the saved one from the sidebar: as it was saved.
    await chartFromSidebar(page, 'weather')
    await expect(legend).toHaveCount(1)
    await saved.getByRole('button', { name: 'CPU by host', exact: true }).click()
    await expect(page.getByLabel('Table', { exact: true })).toHaveValue(
      JSON.stringify(['public', 'metrics']),
    )
    await expect(legend).toHaveCount(3)
    await expect(caption).toContainText('3 series')
    await expect(description).toHaveText(drawn)

    // Rename, then reload: the new name is kept (charts.json).
    await saved.getByRole('button', { name: 'Rename CPU by host' }).click()
    await saved.getByLabel('New name for CPU by host').fill('Host CPU')
    await saved.getByRole('button', { name: 'Rename', exact: true }).click()
    await expect(saved.getByRole('button', { name: 'Host CPU', exact: true })).toBeVisible()
    await expect(saved.getByRole('button', { name: 'CPU by host', exact: true })).toHaveCount(0)
    await page.reload()
    await waitConnected(page, 'Embedded TimescaleDB')
    await expect(saved.getByRole('button', { name: 'Host CPU', exact: true })).toBeVisible()
    await screenshot(page, 'explore-saved-chart')

    // Delete asks first; keeping it changes nothing, deleting removes it for good.
    await saved.getByRole('button', { name: 'Delete Host CPU' }).click()
    const confirm = saved.getByRole('group', { name: 'Delete Host CPU?' })
    await confirm.getByRole('button', { name: 'Keep it' }).click()
    await expect(saved.getByRole('button', { name: 'Host CPU', exact: true })).toBeVisible()
    await saved.getByRole('button', { name: 'Delete Host CPU' }).click()
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(saved.getByRole('listitem')).toHaveCount(0)
    await page.reload()
    await waitConnected(page, 'Embedded TimescaleDB')
    await expect(
      page.getByText('None yet: “Save chart” on the Charts page keeps one.'),
    ).toBeVisible()
    await expect(saved.getByRole('listitem')).toHaveCount(0)
  })
})
