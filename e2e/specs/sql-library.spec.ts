import type { Page } from '@playwright/test'
import { expect, openView, test, waitConnected } from '../fixtures'
import { recordFrames, typeSql, type Frame } from '../support/sql-page'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

/**
 * What the SQL page keeps per profile, on the embedded engine through a web
 * host of the test's own that it restarts: tabs, history, snippets.
 */
async function openSql(page: Page, host: WebHostProcess): Promise<void> {
  await page.goto(host.url)
  await waitConnected(page, 'Embedded TimescaleDB')
  await openView(page, 'SQL')
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toBeVisible()
}

const tabs = (page: Page) => page.getByRole('tablist', { name: 'SQL tabs' }).getByRole('tab')
const cell = (page: Page, text: string) =>
  page.getByRole('grid', { name: 'Results' }).getByRole('gridcell', { name: text, exact: true })

/** The tabs-save call whose tabs hold `sql`, once the backend has answered it. */
function savedWith(frames: { sent: Frame[]; received: Frame[] }, sql: string): boolean {
  return frames.sent.some(
    (f) =>
      f.name === 'console/tabs-save' &&
      JSON.stringify(f.payload).includes(JSON.stringify(sql).slice(1, -1)) &&
      frames.received.some((r) => r.t === 'reply' && r.id === f.id && r.result?.ok),
  )
}

test('starter snippets, $n and %(name)s parameters, tabs back after a restart, history searched and run again', async ({
  page,
  appHost,
}) => {
  test.skip(appHost !== 'web', 'Restarts its own web host on the same folders.')
  let host: WebHostProcess | null = await startWebHostProcess()
  try {
    const frames = recordFrames(page)
    await openSql(page, host)

    // The quick start's statements are there from the start, its %s query among them.
    const starter = 'Average cpu per 5 minutes, for a location and type'
    await page.getByRole('button', { name: `Open ${starter}`, exact: true }).click()
    await expect(tabs(page)).toHaveCount(2)
    await expect(page.getByLabel('%s #1', { exact: true })).toBeVisible()
    await expect(page.getByLabel('%s #2', { exact: true })).toBeVisible()

    // The first tab: $1 and %(name)s are asked for by name and sent as values.
    await tabs(page).first().click()
    await typeSql(page, 'SELECT $1::int + 1 AS next')
    await page.getByLabel('$1', { exact: true }).fill('41')
    await page.getByLabel('Type of $1').selectOption('Number')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(cell(page, '42')).toBeVisible()
    await typeSql(page, 'SELECT %(word)s AS word')
    await page.getByLabel('%(word)s', { exact: true }).fill('<i>kept</i>')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(cell(page, '<i>kept</i>')).toBeVisible()
    // Ctrl/Cmd-Enter runs the statement at the cursor; "Run all" every statement, in order.
    await typeSql(page, 'SELECT 1 AS one;\nSELECT 2 AS two;')
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('grid', { name: 'Results' }).getByRole('columnheader')).toHaveText([
      'oneinteger',
    ])
    await page.getByRole('button', { name: 'Run all', exact: true }).click()
    const statements = page.getByRole('region', { name: 'Statements run' }).getByRole('listitem')
    await expect(statements).toHaveCount(2)
    await expect(page.getByRole('grid', { name: 'Results' }).getByRole('columnheader')).toHaveText([
      'twointeger',
    ])
    const kept = "SELECT 'kept-' || 42 AS word"
    await typeSql(page, kept)
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(cell(page, 'kept-42')).toBeVisible()
    await expect.poll(() => savedWith(frames, kept)).toBe(true)

    // Restart: the same folders, a new process.
    const { dataDir, configDir } = host
    expect(await host.stop()).toBe(0)
    host = null
    host = await startWebHostProcess({ dataDir, configDir })
    await openSql(page, host)
    await expect(tabs(page)).toHaveCount(2)
    await expect(tabs(page).first()).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('textbox', { name: 'SQL editor' })).toHaveText(kept)
    await tabs(page).nth(1).click()
    await expect(page.getByRole('textbox', { name: 'SQL editor' })).toContainText('time_bucket(')

    // The history, searched; a statement run again in a tab of its own.
    await page.getByRole('button', { name: 'History', exact: true }).click()
    const history = page.getByRole('region', { name: 'History' })
    await history.getByLabel('Search history').fill('no such statement')
    await expect(history).toContainText('No statement in the history matches.')
    await history.getByLabel('Search history').fill('kept-')
    const entries = history.getByRole('listitem')
    await expect(entries).toHaveCount(1)
    await expect(entries).toContainText(kept)
    await expect(entries).toContainText('Succeeded')
    await entries.getByRole('button', { name: 'Run again' }).click()
    await expect(tabs(page)).toHaveCount(3)
    await expect(cell(page, 'kept-42')).toBeVisible()
  } finally {
    await host?.stop()
  }
})
