import pg from 'pg'
import { startNativeTimescale } from '../../electron/backend/test-support/native-timescale'
import type { TestServer } from '../../electron/backend/test-support/postgres-server'
import { expect, openView, screenshot, test, waitConnected } from '../fixtures'

/**
 * Issue 17 end to end on native TimescaleDB: a server started here with the
 * quick start's hypertable (one-day chunks, 10 days of readings), reached
 * through the connection form; on the Database page, inside sensor_data:
 * compression enabled from the UI with its SQL shown, every chunk
 * compressed as a job and the ratio seen; then the drop preview and the
 * typed confirmation, checked against the server.
 */
const DAYS = 10
let server: TestServer
let admin: pg.Client

const PG_BIN = '/usr/lib/postgresql/15/bin'

test.beforeAll(async () => {
  server = await startNativeTimescale({ bin: PG_BIN })
  admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
  })
  await admin.connect()
  await admin.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
  await admin.query(`
    CREATE TABLE sensors (id SERIAL PRIMARY KEY, type VARCHAR(50), location VARCHAR(50));
    CREATE TABLE sensor_data (
      time TIMESTAMPTZ NOT NULL,
      sensor_id INTEGER REFERENCES sensors (id),
      temperature DOUBLE PRECISION,
      cpu DOUBLE PRECISION);
    SELECT create_hypertable('sensor_data', by_range('time', INTERVAL '1 day'));
    INSERT INTO sensors (type, location) VALUES ('a','floor'),('a','ceiling'),('b','floor'),('b','ceiling');`)
  // Whole days ending at the last UTC midnight: one chunk per day, all in the past.
  await admin.query(
    `INSERT INTO sensor_data
     SELECT t, s, 20 + 5 * sin(extract(epoch FROM t) / 3600) + s, random()
       FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - $1::int * INTERVAL '1 day',
                            date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - INTERVAL '1 minute',
                            INTERVAL '1 minute') t,
            generate_series(1, 4) s`,
    [DAYS],
  )
  await admin.query('ANALYZE sensor_data')
})

test.afterAll(async () => {
  await admin?.end()
  await server?.destroy()
})

const chunkCount = async () =>
  Number(
    (
      await admin.query(
        "SELECT count(*) AS n FROM timescaledb_information.chunks WHERE hypertable_name = 'sensor_data'",
      )
    ).rows[0].n,
  )

test.describe('inside a hypertable', () => {
  test('enables compression from the UI, compresses every chunk and shows the ratio; drops chunks only once the name is typed', async ({
    app,
  }) => {
    await waitConnected(app, 'Embedded TimescaleDB')
    const url = `postgresql://postgres:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/postgres?sslmode=disable`
    await app.getByLabel('Connection URL').fill(url)
    await app.getByRole('button', { name: 'Connect', exact: true }).click()
    await waitConnected(app, /TimescaleDB 2\.28/)

    await openView(app, 'Database')
    await app.getByRole('listitem', { name: 'sensor_data' }).getByRole('button').first().click()
    const tabs = app.getByRole('tablist', { name: 'Inside the hypertable' })
    await expect(tabs.getByRole('tab')).toHaveText(['Chunks', 'Compression', 'Retention', 'Jobs'])

    // Chunks: one per day, on a timeline and in the table.
    await expect(app.getByRole('img', { name: /^Chunk timeline: 10 chunks/ })).toBeVisible()
    await expect(app.getByRole('table', { name: 'Chunks' }).getByRole('row')).toHaveCount(DAYS + 1)

    // Compression: suggested settings and the statement, then enabled.
    await tabs.getByRole('tab', { name: 'Compression' }).click()
    const compression = app.getByLabel('Compression status')
    const status = compression.locator('dd').first()
    await expect(status).toHaveText('Not enabled')
    const statement = app.getByRole('form', { name: 'Enable compression' }).getByLabel('Statement')
    await expect(statement).toContainText('ALTER TABLE')
    await expect(statement).toContainText('sensor_id')
    await expect(statement).toContainText('"time" DESC')
    await screenshot(app, 'hypertable-enable-compression')
    await app.getByRole('button', { name: 'Enable compression' }).click()
    await expect(status).toHaveText('Enabled')

    // Compress every chunk as a job, then see the ratio.
    await app.getByRole('button', { name: 'Compress chunks', exact: true }).click()
    const job = app.getByRole('region', { name: 'Chunk job' })
    await expect(job.getByRole('status')).toContainText(`${DAYS} chunks compressed`, {
      timeout: 60_000,
    })
    await expect(compression).toContainText(`${DAYS} of ${DAYS}`)
    await expect(compression).toContainText(/Ratio\s*\d+\.\dx/)
    await screenshot(app, 'hypertable-compressed')
    const compressed = await admin.query(
      "SELECT count(*) FILTER (WHERE is_compressed) AS n FROM timescaledb_information.chunks WHERE hypertable_name = 'sensor_data'",
    )
    expect(Number(compressed.rows[0].n)).toBe(DAYS)

    // The chart of the compressed hypertable: Show chunks, then Explain.
    await app.getByRole('button', { name: 'Chart', exact: true }).first().click()
    const chart = app.getByRole('img', { name: 'Time chart' })
    await expect(chart.locator('canvas')).toBeVisible()
    await app.getByRole('checkbox', { name: 'Show chunks' }).check()
    await expect(app.getByRole('status', { name: 'Chunks on the chart' })).toHaveText(
      /^\d+ chunks in this range \((\d+) compressed, shaded\); \d+ chunk boundaries drawn/,
    )
    const note = await app.getByRole('status', { name: 'Chunks on the chart' }).innerText()
    const [, inRange, compressedInRange] = /^(\d+) chunks in this range \((\d+) compressed/.exec(
      note,
    )!
    expect(Number(inRange)).toBeGreaterThan(0)
    expect(compressedInRange).toBe(inRange)
    await app.getByRole('button', { name: 'Explain' }).click()
    const explain = app.getByRole('region', { name: 'Explain' })
    await expect(
      explain.getByText(/^sensor_data: \d+ of 10 chunks scanned, \d+ excluded$/),
    ).toBeVisible()
    await expect(explain.getByRole('list', { name: 'Plan' })).toContainText(
      'chunk scanned, compressed',
    )
    await screenshot(app, 'hypertable-chart-explain')
    await openView(app, 'Database')

    // Retention: the preview of "older than 7 days", then the typed name.
    await tabs.getByRole('tab', { name: 'Retention' }).click()
    await app.getByLabel('Older than').fill('7')
    await app.getByLabel('Age unit').selectOption('days')
    await app.getByRole('button', { name: 'Preview drop' }).click()
    const preview = app.getByRole('region', { name: 'Drop preview' })
    await expect(preview).toContainText(/3 chunks ending before .* will be dropped/)
    await expect(preview.getByRole('table', { name: 'Chunks' }).getByRole('row')).toHaveCount(4)
    const drop = preview.getByRole('button', { name: 'Drop chunks' })
    await expect(drop).toBeDisabled()
    const confirm = preview.getByLabel(/Type the table's name/)
    await confirm.fill('sensor_dat')
    await expect(drop).toBeDisabled()
    expect(await chunkCount()).toBe(DAYS)
    await confirm.fill('sensor_data')
    await screenshot(app, 'hypertable-drop-preview')
    await drop.click()
    await expect(preview).toHaveCount(0)
    await expect.poll(chunkCount).toBe(DAYS - 3)
    await tabs.getByRole('tab', { name: 'Chunks' }).click()
    await expect(app.getByRole('img', { name: /^Chunk timeline: 7 chunks/ })).toBeVisible()
  })
})
