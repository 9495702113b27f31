/** What the chart specs do on the Charts page: read the bucket, zoom, export. */
import { readFile } from 'node:fs/promises'
import { expect, type Page } from '@playwright/test'
import { parseBucketLabel } from '../../shared/buckets'
import { parseCsv } from './data-dirs'

/** The line chart. */
export const timeChart = (page: Page) => page.getByRole('img', { name: 'Time chart' })

/** The legend's entries, one per series. */
export const legendItems = (page: Page) =>
  page.getByRole('list', { name: 'Legend' }).getByRole('listitem')

/** The bucket width the caption names, in seconds. */
export async function bucketShown(page: Page): Promise<number> {
  const text = await page.locator('#chart-caption strong').first().innerText()
  const seconds = parseBucketLabel(text)
  if (seconds === null) throw new Error(`No bucket width in the caption: ${text}`)
  return seconds
}

/** How many buckets the caption says the chart has. */
export async function bucketsShown(page: Page): Promise<number> {
  const text = await page.locator('#chart-caption').innerText()
  const match = /([\d,]+) buckets/.exec(text)
  if (!match?.[1]) throw new Error(`No bucket count in the caption: ${text}`)
  return Number(match[1].replaceAll(',', ''))
}

/** Drags across the plot from `from` to `to` (fractions of its width): a zoom. */
export async function dragAcrossPlot(page: Page, from: number, to: number): Promise<void> {
  const box = await timeChart(page).locator('.u-over').boundingBox()
  if (!box) throw new Error('The chart has no plot area')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width * from, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * to, y, { steps: 12 })
  await page.mouse.up()
  await expect(page.getByText(/^Zoomed to/)).toBeVisible()
}

/** Clicks "Export CSV" and reads the file the browser saved, as rows of cells. */
export async function exportCsvRows(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  return parseCsv(await readFile(await download.path(), 'utf8'))
}
