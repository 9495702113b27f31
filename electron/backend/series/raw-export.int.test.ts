import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChartSpec } from '../../../shared/domain/chart'
import type { JobProgress } from '../../../shared/domain/jobs'
import { quickStartSpec } from '../../../shared/domain/quick-start-preset'
import type { RawExportRequestInput } from '../../../shared/domain/raw-rows'
import { EXPORT_PAGE_ROWS } from '../export/pages'
import { makeTempDir, rejection } from '../test-support/backend'
import {
  connectEngine,
  ENGINES,
  hasTimescale,
  serverOf,
  type ConnectedBackend,
  type EngineName,
} from '../test-support/engines'
import { psql } from '../test-support/psql'
import { loadQuickStartReadings, type SensorRow } from '../test-support/sensor-rows'
import { waitFor } from '../test-support/wait'
import { hostDownloads, startTestWebHost } from '../test-support/web-client'
import { jobDone } from '../test-support/jobs'

const H = 3_600_000
/** Midnight in New York on its spring-forward day: clocks go from 2:00 EST to 3:00 EDT at 07:00Z. */
const BASE = Date.UTC(2026, 2, 8, 5)
const ZONE = 'America/New_York'
/** Three hours across the change: 10,800 readings of the floor's two sensors, three pages. */
const RANGE = { from: BASE + H / 2, to: BASE + 3.5 * H }
const SENSORS: [type: string, location: string][] = [
  ['a', 'floor'],
  ['a', 'ceiling'],
  ['b', 'floor'],
]

/** Every 2 s for 4 h per sensor, at the same instants (ties), temperatures below zero too. */
function readings(): SensorRow[] {
  const rows: SensorRow[] = []
  for (let sensorId = 1; sensorId <= SENSORS.length; sensorId++) {
    for (let i = 0; i < 7200; i++) {
      rows.push({
        time: BASE + i * 2000,
        sensorId,
        temperature: -3 + 17.3 * Math.sin(i / 40 + sensorId),
        cpu: i / 7200,
      })
    }
  }
  return rows
}

/** The rows psql (or, on the embedded engine, its own SQL) gives for the same range and filter. */
const EXPECTED_SQL = `
  SELECT to_char(d.time, 'YYYY-MM-DD"T"HH24:MI:SS.US') || to_char(d.time, 'TZH:TZM') AS time,
         d.sensor_id::text, d.temperature::text
    FROM sensor_data d JOIN sensors s ON s.id = d.sensor_id
   WHERE s.location = 'floor'
     AND d.time >= '${new Date(RANGE.from).toISOString()}'
     AND d.time < '${new Date(RANGE.to).toISOString()}'
   ORDER BY d.time, d.sensor_id`

/** A CSV file of the chart dialect (CRLF, no quoted fields here) as rows of fields. */
function parseRows(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','))
}

describe.each(ENGINES)('Export CSV as raw rows on %s', (engine: EngineName) => {
  let c: ConnectedBackend
  let folder: string
  let spec: ChartSpec
  let expected: string[][]
  let picked: string | null = null
  let dialogs = 0
  const chooseFile = async () => {
    dialogs++
    return picked
  }
  /** Electron asks main where to save; the web host offers a download instead. */
  const asHost = (host: 'electron' | 'web') =>
    (c.t.ctx.chooseExportFile = host === 'electron' ? chooseFile : undefined)

  beforeAll(async () => {
    folder = await makeTempDir('raw-export')
    c = await connectEngine(engine, 'raw_export')
    const driver = c.t.driver()
    await loadQuickStartReadings(driver, SENSORS, readings(), hasTimescale(engine))
    const { rows } = await driver.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass('sensor_data')`,
    )
    spec = quickStartSpec(
      {
        metric: 'temperature',
        groupBy: 'sensor',
        filters: { locations: ['floor'], types: [], sensorIds: [] },
      },
      rows[0]!.schema,
    )
    if (c.scratch) {
      const answer = await psql(
        serverOf(engine),
        c.scratch.name,
        `SET TIME ZONE '${ZONE}';${EXPECTED_SQL}`,
      )
      if (answer.error) throw new Error(answer.error)
      expected = answer.rows
    } else {
      expected = await driver.transaction(async (tx) => {
        await tx.query(`SET LOCAL TIME ZONE '${ZONE}'`)
        const { rows } = await tx.query<string[]>(EXPECTED_SQL, [], { rowMode: 'array' })
        return rows
      })
    }
  })
  afterAll(async () => {
    await c?.close()
  })

  const request = (fileName: string): RawExportRequestInput => ({
    spec,
    ...RANGE,
    timeZone: ZONE,
    fileName,
  })
  const done = (jobId: string) => jobDone(c.t, jobId)
  /** No export left anything open: no cursor, no session in a transaction. */
  const nothingLeftOpen = async () => {
    if (!c.scratch) {
      const { rows } = await c.t.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_cursors WHERE name <> ''",
      )
      expect(rows[0]?.n).toBe(0)
      return
    }
    const admin = c.scratch.admin
    await waitFor('the export session to end', async () => {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND (state LIKE 'idle in transaction%' OR query LIKE 'FETCH%')`,
        [c.scratch!.name],
      )
      return rows[0]?.n === 0
    })
  }

  it("streams the range's raw rows into the picked file: psql's rows exactly, in order, each time with its instant's offset", async () => {
    asHost('electron')
    const file = join(folder, `rows-${engine}.csv`)
    picked = file
    const reply = await c.t.call('series/export', request('sensor_data-rows.csv'))
    expect(reply.destination).toEqual({ kind: 'file', path: file })
    const outcome = await done(reply.jobId!)
    expect(outcome).toMatchObject({ outcome: 'succeeded', summary: { rows: expected.length } })
    const [header, ...rows] = parseRows(await readFile(file, 'utf8'))
    expect(header).toEqual(['time', 'sensor_id', 'temperature'])
    // More than one cursor page, and every row of psql's answer, value for value.
    expect(expected.length).toBe(10_800)
    expect(expected.length).toBeGreaterThan(2 * EXPORT_PAGE_ROWS)
    expect(rows).toEqual(expected)
    // New York's clock with the offset in force at each instant: EST, then EDT after 07:00Z.
    expect(rows[0]?.[0]).toBe('2026-03-08T00:30:00.000000-05:00')
    expect(rows.at(-1)?.[0]).toBe('2026-03-08T04:29:58.000000-04:00')
    // Negative readings are numbers, never guarded as spreadsheet formulas.
    expect(rows.some((r) => r[2]!.startsWith('-'))).toBe(true)
    // Progress counted rows as they were written.
    const progress = c.t.events
      .filter((e) => e.name === 'job/progress' && (e.payload as JobProgress).jobId === reply.jobId)
      .map((e) => (e.payload as JobProgress).rows)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.every((n) => n > 0 && n <= expected.length)).toBe(true)
    await nothingLeftOpen()
  })

  it('refuses a table or column the catalog does not know before asking where to save, and starts nothing', async () => {
    asHost('electron')
    picked = join(folder, `never-${engine}.csv`)
    const [eventsBefore, dialogsBefore] = [c.t.events.length, dialogs]
    const table = await rejection(
      c.t.call('series/export', {
        ...request('x.csv'),
        spec: { ...spec, table: { schema: spec.table.schema, name: 'no_such_table' } },
      }),
    )
    expect(table.code).toBe('not_found')
    expect(table.message).toMatch(/no table or view named .*no_such_table/)
    const column = await rejection(
      c.t.call('series/export', {
        ...request('x.csv'),
        spec: { ...spec, measures: [{ column: 'no_such_column', aggregate: 'avg' }] },
      }),
    )
    expect(column.code).toBe('invalid_input')
    expect(column.message).toMatch(/has no column "no_such_column"/)
    const path = await rejection(c.t.call('series/export', request('../outside.csv')))
    expect(path.code).toBe('bad_request')
    expect(dialogs).toBe(dialogsBefore)
    expect(c.t.events.slice(eventsBefore).some((e) => e.name.startsWith('job/'))).toBe(false)
    await expect(stat(picked)).rejects.toThrow()
  })

  it('a cancel mid-export stops it and leaves no file', async () => {
    asHost('electron')
    const file = join(folder, `cancelled-${engine}.csv`)
    picked = file
    // Cancelled the moment the first page has been written: two pages are still to come.
    let jobId: string | null = null
    let rowsWhenCancelled = 0
    const unsubscribe = c.t.backend.subscribe((name, payload) => {
      const progress = payload as JobProgress
      if (name !== 'job/progress' || progress.kind !== 'export' || jobId) return
      jobId = progress.jobId
      rowsWhenCancelled = progress.rows
      c.t.ctx.jobs.cancel(jobId)
    })
    try {
      const reply = await c.t.call('series/export', request('cancelled.csv'))
      const outcome = await done(reply.jobId!)
      expect(jobId).toBe(reply.jobId)
      expect(rowsWhenCancelled).toBe(EXPORT_PAGE_ROWS)
      expect(outcome.outcome).toBe('cancelled')
    } finally {
      unsubscribe()
    }
    await expect(stat(file)).rejects.toThrow()
    await nothingLeftOpen()
  })

  it('reads a page only when the reader has taken the last: a stalled download holds the rest on the server, and a cancel cuts it off', async () => {
    asHost('web')
    const reply = await c.t.call('series/export', request('stalled.csv'))
    if (reply.destination?.kind !== 'download' || !reply.jobId)
      throw new Error('expected a download')
    const download = c.t.backend.takeDownload(reply.destination.url.split('/').pop() ?? '')
    // A browser that takes the first piece and then stops reading.
    const pieces: string[] = []
    let finished = false
    const stalled = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, _next) {
        pieces.push(chunk.toString('utf8'))
      },
      final(next) {
        finished = true
        next()
      },
    })
    download?.attach(stalled)
    await waitFor('the first piece', () => pieces.length > 0)
    // Give a reader-ignoring export time to run ahead; this one waits for the reader.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(pieces).toHaveLength(1)
    expect(parseRows(pieces[0]!)).toHaveLength(1 + EXPORT_PAGE_ROWS)
    // The rest is still on the server: the cursor is open there.
    if (c.scratch) {
      const { rows } = await c.scratch.admin.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
        [c.scratch.name],
      )
      expect(rows.map((r) => r.query)).toEqual([
        expect.stringMatching(/^FETCH FORWARD 5000 FROM tsdb_rows_export_/),
      ])
    } else {
      const { rows } = await c.t.sql.query<{ name: string }>(
        "SELECT name FROM pg_cursors WHERE name <> ''",
      )
      expect(rows.map((r) => r.name)).toEqual([expect.stringMatching(/^tsdb_rows_export_/)])
      // The one session is the test's too: the cursor has been read one page, no further.
      const left = await c.t.sql.query(`FETCH FORWARD ALL FROM ${rows[0]!.name}`)
      expect(left.rows).toHaveLength(expected.length - EXPORT_PAGE_ROWS)
    }
    const events = c.t.events.length
    expect(c.t.ctx.jobs.cancel(reply.jobId)).toBe(true)
    expect((await done(reply.jobId)).outcome).toBe('cancelled')
    // Cut off, not ended: the browser marks the download failed instead of keeping a short file.
    expect(stalled.destroyed).toBe(true)
    expect(finished).toBe(false)
    expect(c.t.events.slice(events).some((e) => e.name === 'job/progress')).toBe(false)
    await nothingLeftOpen()
  })

  it('the web host streams the same file as a download that needs the token and works once', async () => {
    asHost('electron')
    const file = join(folder, `reference-${engine}.csv`)
    picked = file
    await done((await c.t.call('series/export', request('reference.csv'))).jobId!)
    asHost('web')
    const web = await startTestWebHost(c.t.backend)
    const downloads = hostDownloads(web.host)
    try {
      const reply = await c.t.call('series/export', request('sensor_data-temperature-rows.csv'))
      if (reply.destination?.kind !== 'download') throw new Error('expected a download')
      expect((await downloads.withWrongToken(reply.destination.url)).status).toBe(401)
      const response = await downloads.withToken(reply.destination.url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="sensor_data-temperature-rows.csv"',
      )
      expect(await response.text()).toBe(await readFile(file, 'utf8'))
      expect((await done(reply.jobId!)).outcome).toBe('succeeded')
      expect((await downloads.withToken(reply.destination.url)).status).toBe(404)
    } finally {
      await web.close()
    }
  })
})
