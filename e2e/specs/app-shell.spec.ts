import { expect, screenshot, test } from '../fixtures'

test.describe('app shell', () => {
  test('connects to the embedded TimescaleDB on first start, without asking', async ({ app }) => {
    const status = app
      .getByRole('status')
      .filter({ hasText: /PostgreSQL|Connecting|Not connected/ })
    await expect(status).toHaveText(/^Embedded TimescaleDB 2\.23 · PostgreSQL 17\.\d+$/, {
      timeout: 60_000,
    })
    const server = app.getByRole('region', { name: 'Server' })
    await expect(server.getByText(/^17\.\d+$/)).toBeVisible()
    await expect(server.getByText(/^2\.23/)).toBeVisible()
    await expect(app.getByRole('article', { name: 'Embedded TimescaleDB' })).toContainText(
      'Data folder',
    )
    await screenshot(app, 'screenshot')
  })

  test('has Connections, Database, Sensors, Charts and SQL in the sidebar', async ({ app }) => {
    const nav = app.getByRole('navigation', { name: 'Main' })
    for (const name of ['Connections', 'Database', 'Sensors', 'Charts', 'SQL']) {
      await nav.getByRole('button', { name }).click()
      await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page')
      await expect(app.getByRole('heading', { level: 1, name })).toBeVisible()
    }
  })
})
