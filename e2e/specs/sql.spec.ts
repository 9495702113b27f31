import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { decodeFrame } from '../../shared/wire'
import { expect, screenshot, testWithOwnWebHost as test, waitConnected } from '../fixtures'

/** The SQL page end to end, on the embedded engine through the web host. */

interface Frame {
  t?: string
  id?: string
  name?: string
  payload?: Record<string, unknown>
}

/** Every call the page sends over the web host's WebSocket. */
function recordCalls(page: Page): Frame[] {
  const sent: Frame[] = []
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') sent.push(decodeFrame(payload) as Frame)
    }),
  )
  return sent
}

async function openSql(page: Page): Promise<void> {
  await waitConnected(page, 'Embedded TimescaleDB')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'SQL' }).click()
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toBeVisible()
}

/** Replaces the editor's text, as pasting it would (no auto-closed brackets). */
async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'SQL editor' })
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(sql)
}

const results = (page: Page) => page.getByRole('grid', { name: 'Results' })

test('type a query, run it, scroll through it, export it; HTML stays text', async ({
  app: page,
}) => {
  const calls = recordCalls(page)
  await openSql(page)
  await typeSql(
    page,
    `SELECT g AS n, '<b>' || g || '</b>' AS "<i>html</i>",
       CASE WHEN g % 7 = 0 THEN NULL ELSE g::text END AS maybe
  FROM generate_series(1, 5000) AS g`,
  )
  await page.keyboard.press('ControlOrMeta+Enter')
  const grid = results(page)
  await expect(grid.getByRole('gridcell', { name: '<b>1</b>', exact: true })).toBeVisible()
  await expect(grid.getByRole('columnheader').nth(1)).toContainText('<i>html</i>')
  // Text, not markup: no element came out of the values or the column name.
  await expect(grid.locator('b, i')).toHaveCount(0)
  // NULL is drawn apart from text (row 7's third column).
  const seventh = grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: '7', exact: true }) })
  await expect(seventh.getByRole('gridcell').nth(2)).toHaveText('NULL')
  await expect(seventh.getByRole('gridcell').nth(2)).toHaveClass(/null/)
  await expect(page.getByText('500+ rows so far')).toBeVisible()
  await screenshot(page, 'sql-results')

  // Scrolling to the end reads the pages it needs, one at a time, until the last.
  await expect(async () => {
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(page.getByText('5,000 rows', { exact: false })).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 60_000 })
  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await expect(grid.getByRole('gridcell', { name: '<b>5000</b>', exact: true })).toBeVisible()
  const fetched = calls.filter((f) => f.name === 'console/fetch').map((f) => f.payload?.offset)
  expect(fetched.length).toBeGreaterThanOrEqual(9)
  expect(new Set(fetched).size).toBe(fetched.length)
  // The grid keeps only the rows in view in the page.
  expect(await grid.getByRole('row').count()).toBeLessThan(120)

  // Export CSV: the whole result, streamed by the backend as a download.
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = await downloaded
  const csv = await readFile((await download.path())!, 'utf8')
  const lines = csv.trimEnd().split(/\r?\n/)
  expect(lines).toHaveLength(5001)
  expect(lines[0]).toBe('n,<i>html</i>,maybe')
  expect(lines[1]).toBe('1,<b>1</b>,1')
  expect(lines[7]).toBe('7,<b>7</b>,')
  expect(lines[5000]).toBe('5000,<b>5000</b>,5000')
  await expect(page.getByText(/Exported 5,000 rows/)).toBeVisible()
})
