import { readFile } from 'node:fs/promises'
import { readPngText } from '../../shared/png-text'
import { decodeFrame } from '../../shared/wire'
import { expect, openView, test, waitConnected } from '../fixtures'
import { bucketShown, dragAcrossPlot, timeChart } from '../support/chart-page'
import { hostWithReadings } from '../support/quick-start-data'

interface ChartCall {
  from: number
  to: number
}

/** Within a millisecond: windows are rounded to whole ms about their centre. */
const near = (actual: number, expected: number) => Math.abs(actual - expected) <= 1

test.use({ timezoneId: 'UTC' })

test.describe('chart navigation', () => {
  test('zooms out one step at a time, resets, zooms and pans by keyboard; named, titled', async ({
    page,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Loads its data into a web host data folder before starting it.')
    const hosted = await hostWithReadings()
    // The range of every chart query the page sends.
    const asked: ChartCall[] = []
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') return
        const frame = decodeFrame(payload) as { t?: string; name?: string; payload?: ChartCall }
        if (frame.t === 'call' && frame.name === 'series/chart' && frame.payload) {
          asked.push({ from: frame.payload.from, to: frame.payload.to })
        }
      }),
    )
    const lastAsked = () => asked.at(-1) ?? { from: 0, to: 0 }
    const span = (w: ChartCall) => w.to - w.from
    try {
      await page.goto(hosted.host.url)
      await waitConnected(page, 'Embedded TimescaleDB')
      await openView(page, 'Charts')
      const chart = timeChart(page)
      await expect(page.locator('#chart-caption')).toContainText('4 series')
      const whole = lastAsked()
      const before = await bucketShown(page)

      // Announced with what it shows, its range and zone, and its series; focusable.
      await expect(chart).toHaveAccessibleName(
        /^Time chart of avg\(temperature\), .+ to .+ \(UTC\), 4 series: a · floor \(#1\), a · ceiling \(#2\), b · floor \(#3\), b · ceiling \(#4\)$/,
      )
      await expect(chart).toHaveAttribute('tabindex', '0')

      // Two zooms by dragging, then double-click: back to the first zoom, not the whole range.
      await dragAcrossPlot(page, 0.2, 0.8)
      await expect.poll(() => span(lastAsked())).toBeLessThan(span(whole))
      const first = lastAsked()
      await dragAcrossPlot(page, 0.3, 0.7)
      await expect.poll(() => span(lastAsked())).toBeLessThan(span(first))
      await chart.locator('.u-over').dblclick()
      await expect.poll(lastAsked).toEqual(first)
      await expect(page.getByText(/^Zoomed to/)).toBeVisible()

      // The keyboard: + halves the window about its centre, → pans a quarter of it, − doubles.
      await chart.focus()
      await page.keyboard.press('+')
      await expect.poll(() => near(span(lastAsked()), span(first) / 2)).toBe(true)
      const zoomed = lastAsked()
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => near(lastAsked().from, zoomed.from + span(zoomed) / 4)).toBe(true)
      await page.keyboard.press('ArrowLeft')
      await expect.poll(() => near(lastAsked().from, zoomed.from)).toBe(true)
      await page.keyboard.press('-')
      await expect.poll(() => near(span(lastAsked()), span(zoomed) * 2)).toBe(true)
      await expect(chart).toBeFocused()

      // The exported PNG carries its title, drawn and as the PNG's Title text.
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PNG' }).click(),
      ])
      const title = readPngText(new Uint8Array(await readFile(await png.path()))).get('Title')
      expect(title?.split('\n')).toEqual([
        expect.stringMatching(/^avg\(temperature\) of public\.sensor_data by sensor_id per /),
        'Filters: no filters',
        expect.stringMatching(/^Range: .+ to .+ \(UTC\) · bucket \d+ \w+ · time zone UTC$/),
      ])

      // "Reset zoom": the whole range at once, however deep the zoom.
      await page.getByRole('button', { name: 'Reset zoom' }).click()
      await expect(page.getByText(/^Zoomed to/)).toHaveCount(0)
      await expect.poll(() => span(lastAsked())).toBe(span(whole))
      await expect.poll(() => bucketShown(page)).toBe(before)
    } finally {
      await hosted.close()
    }
  })
})
