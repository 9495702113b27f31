import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import {
  buildNativeTimescale,
  startNativeTimescale,
} from '../../electron/backend/test-support/native-timescale'
import type { TestServer } from '../../electron/backend/test-support/postgres-server'
import { createQuickStartTables } from '../../electron/backend/test-support/quick-start'
import {
  quickStartQueryText,
  withDollarPlaceholders,
} from '../../electron/backend/test-support/quick-start-query'
import { expect, openView, screenshot, statusBar, testWithOwnWebHost as test } from '../fixtures'
import { recordFrames, typeSql } from '../support/sql-page'

/**
 * The SQL page end to end through the web host in Chromium, against a native
 * TimescaleDB server started here and filled with the quick start's tables
 * and a day of readings, which the spec also reads directly to compare.
 */
let server: TestServer
let db: pg.Client

test.beforeAll(async () => {
  server = await startNativeTimescale({ bin: await buildNativeTimescale() })
  db = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
  })
  await db.connect()
  await db.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
  await createQuickStartTables(db, { hypertable: true })
  // The quick start's simulated day: one reading every 5 minutes per sensor.
  await db.query(`INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
    SELECT t, s.id, random() * 100, random()
      FROM sensors s, generate_series(now() - interval '24 hour', now(), interval '5 minute') AS t`)
})

test.afterAll(async () => {
  await db?.end()
  await server?.destroy()
})

const serverUrl = () =>
  `postgresql://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${server.database}?sslmode=disable`

/** Connects the app to the spec's server (once per web host) and opens the SQL page. */
async function openSqlOnServer(page: Page): Promise<void> {
  await expect(statusBar(page)).toContainText('PostgreSQL', { timeout: 60_000 })
  if (!((await statusBar(page).textContent()) ?? '').includes(`127.0.0.1:${server.port}`)) {
    await openView(page, 'Connections')
    await page.getByLabel('Connection URL').fill(serverUrl())
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(statusBar(page)).toContainText(`127.0.0.1:${server.port}`)
  }
  await openView(page, 'SQL')
  await expect(page.getByRole('textbox', { name: 'SQL editor' })).toBeVisible()
  // Tabs are kept per connection: each test starts in a new one, with a server's defaults.
  await page.getByRole('button', { name: 'New tab', exact: true }).click()
}

const results = (page: Page) => page.getByRole('grid', { name: 'Results' })
/** A button of the SQL page (the sidebar's catalog tree has "Chart" buttons of its own). */
const button = (page: Page, name: string) =>
  page.getByRole('main').getByRole('button', { name, exact: true })

/** What the database itself writes for `COPY (sql) TO STDOUT (FORMAT csv, HEADER)`. */
async function copyCsv(sql: string): Promise<string> {
  const chunks: Buffer[] = []
  const stream = db.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`))
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

test.describe('the SQL console', () => {
  test('type a query, run it, scroll it page by page, copy, export CSV equal to the database’s', async ({
    page,
    webHost,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Reads the web host’s WebSocket frames and its download.')
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const frames = recordFrames(page)
    await page.goto(webHost.url)
    await openSqlOnServer(page)
    const query = `SELECT g AS n, '<b>' || g || '</b>' AS "<i>html</i>",
       CASE WHEN g % 7 = 0 THEN NULL WHEN g % 7 = 1 THEN '' ELSE g::text END AS maybe
  FROM generate_series(1, 5000) AS g ORDER BY g`
    await typeSql(page, query)
    await button(page, 'Run').click()

    const grid = results(page)
    await expect(grid.getByRole('gridcell', { name: '<b>1</b>', exact: true })).toBeVisible()
    await expect(grid.getByRole('columnheader').nth(1)).toContainText('<i>html</i>')
    // Text, not markup: no element came out of the values or the column name.
    await expect(grid.locator('b, i')).toHaveCount(0)
    // NULL is drawn apart from an empty string (rows 7 and 8's third column).
    const row = (n: number) =>
      grid
        .getByRole('row')
        .filter({ has: page.getByRole('gridcell', { name: String(n), exact: true }) })
    await expect(row(7).getByRole('gridcell').nth(2)).toHaveText('NULL')
    await expect(row(7).getByRole('gridcell').nth(2)).toHaveClass(/null/)
    await expect(row(8).getByRole('gridcell').nth(2)).toHaveText('')
    await expect(row(8).getByRole('gridcell').nth(2)).not.toHaveClass(/null/)
    await expect(page.getByText(/^500\+ rows so far · \d+(\.\d+)? ms on the server/)).toBeVisible()
    await screenshot(page, 'sql-results')

    // Copy a cell and a row (NULL copies as nothing, columns apart by tabs).
    await row(7).getByRole('gridcell').nth(1).click()
    await button(page, 'Copy cell').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('<b>7</b>')
    await button(page, 'Copy row').click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('7\t<b>7</b>\t')

    // Scrolling to the end reads the pages it needs, each once, until the last.
    await expect(async () => {
      await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
      await expect(page.getByText(/^5,000 rows · /)).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 60_000 })
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(grid.getByRole('gridcell', { name: '<b>5000</b>', exact: true })).toBeVisible()
    const offsets = frames.sent
      .filter((f) => f.t === 'call' && f.name === 'console/fetch')
      .map((f) => f.payload?.offset)
    expect(offsets.length).toBeGreaterThanOrEqual(9)
    expect(new Set(offsets).size).toBe(offsets.length)
    // Only the rows in view are in the page.
    expect(await grid.getByRole('row').count()).toBeLessThan(120)

    // Export CSV: the whole result, streamed by the backend as a download, byte for byte the server's COPY.
    const downloaded = page.waitForEvent('download')
    await button(page, 'Export CSV').click()
    const csv = await readFile((await (await downloaded).path())!, 'utf8')
    expect(csv).toBe(await copyCsv(query))
    expect(csv.trimEnd().split('\n')).toHaveLength(5001)
    await expect(page.getByText(/^Exported 5,000 rows/)).toBeVisible()
  })

  test('the quick start’s %s query pasted verbatim runs with the parameter form; Chart; Explain', async ({
    app: page,
  }) => {
    await openSqlOnServer(page)
    const query = quickStartQueryText()
    await typeSql(page, query)
    await page.getByLabel('%s #1', { exact: true }).fill('floor')
    await page.getByLabel('%s #2', { exact: true }).fill('a')
    await button(page, 'Run').click()

    const statement = withDollarPlaceholders(query).replace(/;\s*$/, '')
    const expected = await db.query<{ five_min: string; avg: string; n: string }>(
      `SELECT five_min::text, avg::text, count(*) OVER ()::text AS n
         FROM (${statement}) q ORDER BY five_min DESC`,
      ['floor', 'a'],
    )
    const first = expected.rows[0]!
    expect(Number(first.n)).toBeGreaterThan(280)
    await expect(page.getByText(new RegExp(`^${first.n} rows · `))).toBeVisible()
    const firstRow = results(page).getByRole('row').nth(1)
    await expect(firstRow.getByRole('gridcell')).toHaveText([first.five_min, first.avg])
    await expect(results(page).getByRole('columnheader')).toContainText([
      'five_mintimestamp with time zone',
      'avgdouble precision',
    ])

    // A time column and a numeric one: "Chart" draws them (uPlot).
    await button(page, 'Chart').click()
    const chart = page.getByRole('region', { name: 'Chart of the result' })
    await expect(chart.locator('canvas')).toBeVisible()
    await expect(chart.locator('.u-legend')).toContainText('avg')
    await expect(chart).toContainText(`${first.n} rows.`)
    await screenshot(page, 'sql-chart')

    // Explain: EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) as a tree, with time per node.
    await page.getByRole('textbox', { name: 'SQL editor' }).click()
    await button(page, 'Explain').click()
    const tree = page.getByRole('tree', { name: 'Plan nodes' })
    await expect(tree).toBeVisible()
    expect(await tree.getByRole('treeitem').count()).toBeGreaterThanOrEqual(3)
    await expect(tree.getByRole('treeitem').first()).toContainText(/\d ms/)
    await expect(tree).toContainText('sensors')
    await expect(page.getByRole('region', { name: 'Query plan' })).toContainText(
      'the statement ran and was rolled back',
    )
    await screenshot(page, 'sql-explain')
  })

  test('a chart of a time, a text and a numeric column is split by the text', async ({
    app: page,
  }) => {
    await openSqlOnServer(page)
    await typeSql(
      page,
      `SELECT time_bucket('1 hour', time) AS hour, location, avg(temperature) AS temperature
  FROM sensor_data JOIN sensors ON sensors.id = sensor_data.sensor_id
 GROUP BY 1, 2 ORDER BY 1`,
    )
    await button(page, 'Run').click()
    await expect(results(page).getByRole('gridcell', { name: 'floor' }).first()).toBeVisible()
    await button(page, 'Chart').click()
    const chart = page.getByRole('region', { name: 'Chart of the result' })
    await expect(chart.getByLabel('Split by')).toHaveValue('1')
    await expect(chart.locator('.u-legend')).toContainText('floor')
    await expect(chart.locator('.u-legend')).toContainText('ceiling')
  })

  test('Read-only refuses an INSERT and says so; with Auto-commit off, Commit and Rollback', async ({
    app: page,
  }) => {
    await openSqlOnServer(page)
    const readOnly = page.getByRole('switch', { name: 'Read-only' })
    const autoCommit = page.getByRole('switch', { name: 'Auto-commit' })
    // A server profile's tab starts read-only.
    await expect(readOnly).toHaveAttribute('aria-checked', 'true')
    const roofs = async () =>
      Number((await db.query(`SELECT count(*) FROM sensors WHERE location = 'roof'`)).rows[0].count)
    await typeSql(page, `INSERT INTO sensors (type, location) VALUES ('z', 'roof')`)
    await button(page, 'Run').click()
    const refusal = page.getByRole('alert').filter({ hasText: 'The server refused it' })
    await expect(refusal).toContainText('cannot execute INSERT in a read-only transaction')
    await expect(refusal).toContainText('Read-only is on for this tab: turn it off to write')
    expect(await roofs()).toBe(0)

    await readOnly.click()
    await autoCommit.click()
    await expect(autoCommit).toHaveAttribute('aria-checked', 'false')
    await button(page, 'Run').click()
    const txState = page.getByRole('status').filter({ hasText: 'Transaction open' })
    await expect(txState).toBeVisible()
    await expect(page.getByText('INSERT · 1 row affected')).toBeVisible()
    // Not committed: the database's other sessions do not see it.
    expect(await roofs()).toBe(0)
    await button(page, 'Rollback').click()
    await expect(txState).toHaveCount(0)
    await expect(page.getByText('Rolled back.')).toBeVisible()
    expect(await roofs()).toBe(0)

    await button(page, 'Run').click()
    await expect(txState).toBeVisible()
    await button(page, 'Commit').click()
    await expect(txState).toHaveCount(0)
    await expect(page.getByText('Committed.')).toBeVisible()
    expect(await roofs()).toBe(1)
    await db.query(`DELETE FROM sensors WHERE location = 'roof'`)
  })

  test('a server error is marked where it points in the editor; notices are listed as text', async ({
    app: page,
  }) => {
    await openSqlOnServer(page)
    await typeSql(page, 'SELECT location, no_such_column FROM sensors')
    await button(page, 'Run').click()
    await expect(
      page.getByRole('alert').filter({ hasText: 'The server refused it' }),
    ).toContainText('column "no_such_column" does not exist')
    // The mark is on the word the server's position points at.
    await expect(page.locator('.cm-sql-error')).toHaveText('no_such_column')

    await typeSql(page, "DO $$ BEGIN RAISE NOTICE 'checked <b>%</b>', 42; END $$")
    await button(page, 'Run').click()
    const notices = page.getByRole('list', { name: 'Notices' })
    await expect(notices).toContainText('NOTICE: checked <b>42</b>')
    await expect(notices.locator('b')).toHaveCount(0)
    await expect(page.locator('.cm-sql-error')).toHaveCount(0)
  })

  test('the editor completes the catalog’s tables, columns and TimescaleDB’s functions', async ({
    app: page,
  }) => {
    await openSqlOnServer(page)
    await typeSql(page, 'SELECT ')
    const options = page.getByRole('listbox').getByRole('option')
    await page.keyboard.type('time_buc')
    await expect(options.filter({ hasText: /^ƒ?\s*time_bucket$/ }).first()).toBeVisible()
    await page.keyboard.press('Escape')
    await page.keyboard.type(' FROM sensor_d')
    // Picked with the mouse (Enter is refused for the list's first 75 ms, CodeMirror's interactionDelay).
    await options.filter({ hasText: 'sensor_data' }).first().click()
    await page.keyboard.type(' WHERE sensor_data.tempe')
    await options.filter({ hasText: 'temperature' }).first().click()
    await expect(page.getByRole('textbox', { name: 'SQL editor' })).toHaveText(
      'SELECT time_buc FROM sensor_data WHERE sensor_data.temperature',
    )
    // Highlighted: CodeMirror's run-time styles apply under the CSP (a keyword has a colour of its own).
    const colour = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).color)
    const editor = page.getByRole('textbox', { name: 'SQL editor' })
    const keyword = editor.locator('span', { hasText: /^SELECT$/ })
    expect(await colour(keyword)).not.toBe(await colour(editor))
    expect(await editor.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre')
  })

  test('Cancel stops pg_sleep on the server', async ({ app: page }) => {
    await openSqlOnServer(page)
    // The console reads through a cursor (the server shows its FETCH): pg_sleep's wait names it.
    const sleeping = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*) FROM pg_stat_activity
              WHERE wait_event = 'PgSleep' AND state = 'active'`,
          )
        ).rows[0].count,
      )
    await typeSql(page, 'SELECT pg_sleep(60) AS e2e_sleep')
    await button(page, 'Run').click()
    await expect(page.getByRole('progressbar', { name: 'Running' })).toBeVisible()
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(1)
    await button(page, 'Cancel').click()
    await expect(page.getByRole('alert').filter({ hasText: 'Cancelled.' })).toBeVisible()
    // Gone from the server, not merely forgotten by the page.
    await expect.poll(sleeping, { timeout: 5000 }).toBe(0)
    await expect(button(page, 'Run')).toBeEnabled()
    // The history says what happened to it.
    await button(page, 'History').click()
    const entry = page.getByRole('listitem').filter({ hasText: 'SELECT pg_sleep(60) AS e2e_sleep' })
    await expect(entry.first()).toContainText('Cancelled')
  })
})
