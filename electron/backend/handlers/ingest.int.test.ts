import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportTarget } from '../../../shared/domain/csv-import'
import { DAY_MS } from '../../../shared/domain/ingest'
import type { TestBackend } from '../test-support/backend'
import { connectEngine, ENGINES, hasTimescale, type EngineName } from '../test-support/engines'
import { jobDone, progressOf, waitForProgress } from '../test-support/jobs'
import { createQuickStartTables } from '../test-support/quick-start'

const from = Date.UTC(2026, 0, 1)
/** A backend connected to a fresh database of the given engine, with or without the quick-start tables. */
async function connected(engine: EngineName, withTables: boolean) {
  const env = await connectEngine(engine, 'ingest')
  if (withTables) await createQuickStartTables(env.t.sql, { hypertable: hasTimescale(engine) })
  return env
}

describe.each(ENGINES)('bulk loads through the contract (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<unknown>
  const rows = async () =>
    (await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]!.n

  beforeAll(async () => {
    ;({ t, close } = await connected(engine, true))
  })

  afterAll(async () => {
    await close?.()
  })

  it('generates sample data as a job: an id at once, progress, then the summary', async () => {
    const { jobId, totalRows } = await t.call('ingest/start', {
      from,
      to: from + DAY_MS,
      intervalMs: 300_000,
      seed: 3,
    })
    expect(totalRows).toBe(289 * 4)
    const done = await jobDone(t, jobId)
    expect(done).toMatchObject({ outcome: 'succeeded', summary: { rows: 1156 } })
    expect(progressOf(t, jobId).at(-1)).toMatchObject({ done: 1156, total: 1156, unit: 'rows' })
    expect(await rows()).toBe(1156)
    // The load refreshed the statistics, so the Sensors page's estimate is known at once.
    const status = await t.call('schema/status', {})
    expect(status.sensorData).toMatchObject({ rowEstimate: 1156, notAnalyzed: false })
  })

  it('refuses unknown sensors and impossible specs, changing nothing', async () => {
    await expect(
      t.call('ingest/start', { from, to: from + DAY_MS, intervalMs: 60_000, sensorIds: [99] }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('99') })
    await expect(
      t.call('ingest/start', { from, to: from - 1, intervalMs: 60_000 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('To must be after From'),
    })
    expect(await rows()).toBe(1156)
  })

  it('cancels a large load and leaves zero new rows', async () => {
    const { jobId } = await t.call('ingest/start', {
      from,
      to: from + 60 * DAY_MS,
      intervalMs: engine === 'embedded' ? 10_000 : 1_000,
    })
    await waitForProgress(t, jobId)
    expect(await t.call('jobs/cancel', { jobId })).toEqual({ cancelled: true })
    expect(await jobDone(t, jobId)).toMatchObject({
      outcome: 'cancelled',
      error: { code: 'cancelled' },
    })
    expect(await rows()).toBe(1156)
    expect(await t.call('jobs/cancel', { jobId })).toEqual({ cancelled: false })
  })

  const importText = async (
    text: string,
    columns: ImportTarget[] = ['time', 'sensor_id', 'temperature', 'cpu'],
    timeZone?: string,
  ) => {
    const bytes = new TextEncoder().encode(text)
    const { jobId } = await t.call('import/start', {
      fileName: 'readings.csv',
      totalBytes: bytes.byteLength,
      columns,
      ...(timeZone ? { timeZone } : {}),
    })
    const piece = 7
    for (let i = 0; i < bytes.byteLength; i += piece) {
      const last = i + piece >= bytes.byteLength
      const accepted = await t
        .call('import/chunk', { jobId, bytes: bytes.slice(i, i + piece), last })
        .then(() => true)
        .catch(() => false)
      // A failed import stops taking pieces; the job's outcome says why.
      if (!accepted) break
    }
    return jobDone(t, jobId)
  }

  it('imports a CSV file streamed in pieces, mapping columns in the file order', async () => {
    const done = await importText(
      ['sensor_id,time,cpu', '1,2026-02-01T00:00:00Z,0.5', '2,2026-02-01T00:00:00Z,0.25', ''].join(
        '\n',
      ),
      ['sensor_id', 'time', 'cpu'],
    )
    expect(done).toMatchObject({ outcome: 'succeeded', summary: { rows: 2 } })
    expect(await rows()).toBe(1158)
  })

  it('reads times without an offset as wall clocks of the display zone; times with one keep it', async () => {
    const done = await importText(
      [
        'time,sensor_id,temperature,cpu',
        '2026-02-03 08:00:00,1,21.5,0.5',
        '2026-02-03T08:00:00+01:00,2,22.5,0.5',
        '',
      ].join('\n'),
      undefined,
      'Asia/Kolkata',
    )
    expect(done).toMatchObject({ outcome: 'succeeded', summary: { rows: 2 } })
    const { rows: stored } = await t.sql.query<{ sensor_id: number; t: string }>(
      `SELECT sensor_id, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS t
         FROM sensor_data WHERE time >= '2026-02-03' AND time < '2026-02-04' ORDER BY sensor_id`,
    )
    // 08:00 in Kolkata is 02:30 UTC (not 08:00 UTC, the server's zone); 08:00+01 is 07:00 UTC.
    expect(stored).toEqual([
      { sensor_id: 1, t: '2026-02-03T02:30' },
      { sensor_id: 2, t: '2026-02-03T07:00' },
    ])
    // The zone was the import's own: the session reads as before.
    const zone = await t.sql.query<{ tz: string }>('SELECT current_setting($1) AS tz', ['TimeZone'])
    expect(zone.rows[0]?.tz).not.toBe('Asia/Kolkata')
    await t.sql.query(`DELETE FROM sensor_data WHERE time >= '2026-02-03' AND time < '2026-02-04'`)
  })

  it.each([
    [
      'a wrong column count',
      'time,sensor_id,temperature,cpu\n2026-02-02T00:00:00Z,1,20,0.5\n2026-02-02T00:01:00Z,1,20\n',
      3,
    ],
    [
      'a bad timestamp',
      'time,sensor_id,temperature,cpu\n2026-02-02T00:00:00Z,1,20,0.5\n2026-02-02T00:01:00Z,1,20,0.5\nnot-a-time,1,20,0.5\n',
      4,
    ],
  ])('fails on %s with the line number, adding nothing', async (_case, text, line) => {
    const done = await importText(text)
    expect(done).toMatchObject({
      outcome: 'failed',
      error: { code: 'bad_data', detail: { line } },
    })
    if (done.outcome === 'failed') {
      expect(done.error.message).toMatch(new RegExp(`^Line ${line}: .*Nothing was imported\\.$`))
    }
    expect(await rows()).toBe(1158)
  })

  it('fails on an unknown sensor id, adding nothing', async () => {
    const done = await importText(
      'time,sensor_id,temperature,cpu\n2026-02-02T00:00:00Z,1,20,0.5\n2026-02-02T00:00:00Z,42,20,0.5\n',
    )
    expect(done).toMatchObject({
      outcome: 'failed',
      error: { code: 'bad_data', detail: { line: 3 } },
    })
    if (done.outcome === 'failed') {
      expect(done.error.message).toBe(
        'Line 3: there is no sensor with id 42 (add it on the Sensors page, or fix the file). Nothing was imported.',
      )
    }
    expect(await rows()).toBe(1158)
  })

  it('says so when a piece arrives for no running import', async () => {
    await expect(
      t.call('import/chunk', { jobId: 'job-nope', bytes: new Uint8Array([1]), last: true }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe.each(ENGINES)('sample data on an empty database (%s)', (engine) => {
  it('creates the schema and the four quick-start sensors first when asked', async () => {
    const { t, close } = await connected(engine, false)
    try {
      const { jobId, totalRows, prepared } = await t.call('ingest/start', {
        from,
        to: from + DAY_MS,
        intervalMs: 300_000,
        createMissing: true,
      })
      expect(prepared).toContain('added 4 quick-start sensors')
      expect(totalRows).toBe(289 * 4)
      expect(await jobDone(t, jobId)).toMatchObject({
        outcome: 'succeeded',
        summary: { rows: 1156 },
      })
      const sensors = await t.call('sensors/list', {})
      expect(sensors.map((s) => [s.type, s.location, s.readings])).toEqual([
        ['a', 'floor', 289],
        ['a', 'ceiling', 289],
        ['b', 'floor', 289],
        ['b', 'ceiling', 289],
      ])
    } finally {
      await close()
    }
  })
})

describe('bulk loads without the quick-start tables', () => {
  it('ask for the schema to be set up first', async () => {
    const { t, close } = await connected('postgres', false)
    try {
      await expect(
        t.call('ingest/start', { from, to: from + DAY_MS, intervalMs: 300_000 }),
      ).rejects.toMatchObject({
        code: 'schema_missing',
      })
      await expect(
        t.call('import/start', {
          fileName: 'x.csv',
          totalBytes: 1,
          columns: ['time', 'sensor_id'],
        }),
      ).rejects.toMatchObject({ code: 'schema_missing' })
    } finally {
      await close()
    }
  })
})
