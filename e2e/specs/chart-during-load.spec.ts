import { decodeFrame } from '../../shared/wire'
import { expect, openView, test, waitConnected } from '../fixtures'
import { hostWithReadings } from '../support/quick-start-data'

test.describe('charts during an embedded load', () => {
  test('says it waits for the load, sends no query meanwhile, and draws the last range when it ends', async ({
    page,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Two tabs of one web host: one loads, the other charts.')
    test.setTimeout(240_000)
    const hosted = await hostWithReadings()
    // The ranges of the chart tab's queries, in the order sent.
    const asked: { from: number; to: number }[] = []
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') return
        const frame = decodeFrame(payload) as {
          t?: string
          name?: string
          payload?: { from: number; to: number }
        }
        if (frame.t === 'call' && frame.name === 'series/chart' && frame.payload) {
          asked.push(frame.payload)
        }
      }),
    )
    const loader = await page.context().newPage()
    try {
      await page.goto(hosted.host.url)
      await waitConnected(page, 'Embedded TimescaleDB')
      await openView(page, 'Charts')
      await expect(page.locator('#chart-caption')).toContainText('4 series')

      // The other tab starts a load of about 690,000 rows on the same embedded engine.
      await loader.goto(hosted.host.url)
      await waitConnected(loader, 'Embedded TimescaleDB')
      await openView(loader, 'Sensors')
      await loader.getByRole('button', { name: 'Generate sample data' }).click()
      const dialog = loader.getByRole('dialog', { name: 'Generate sample data' })
      await dialog.getByLabel('From', { exact: true }).fill('2024-01-01T00:00:00')
      await dialog.getByLabel('To', { exact: true }).fill('2024-01-03T00:00:00')
      await dialog.getByLabel('Interval', { exact: true }).fill('1 s')
      await dialog.getByRole('button', { name: 'Start' }).click()

      // The chart tab hears of it, and a new range waits instead of queueing behind the load.
      const waiting = page.getByRole('status').filter({ hasText: 'Waiting for the load to finish' })
      await expect(waiting).toBeVisible()
      const sentBefore = asked.length
      await page.getByLabel('Range', { exact: true }).selectOption('7d')
      await page.getByLabel('Range', { exact: true }).selectOption('6h')
      await expect(dialog.getByRole('status')).toContainText(/^Loaded [\d,]+ rows/, {
        timeout: 180_000,
      })
      // Nothing was sent while the load ran; once it ended, one query for the last range.
      await expect(waiting).toHaveCount(0)
      await expect.poll(() => asked.length).toBe(sentBefore + 1)
      const last = asked.at(-1)!
      expect(last.to - last.from).toBe(6 * 3_600_000)
      await expect(page.locator('.chart-area')).toHaveAttribute('aria-busy', 'false')
      await expect(page.locator('#chart-caption')).toContainText('4 series')
    } finally {
      await loader.close()
      await hosted.close()
    }
  })
})
