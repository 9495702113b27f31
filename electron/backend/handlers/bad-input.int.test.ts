import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallName, CallRequest } from '../../../shared/contract'
import { DAY_MS } from '../../../shared/domain/ingest'
import { AppError } from '../../../shared/errors'
import type { TestBackend } from '../test-support/backend'
import { connectEngine, ENGINES } from '../test-support/engines'
import { jobDone, loadQuickStartDay } from '../test-support/jobs'

/**
 * Bad input through the contract, on a real database of each engine: every
 * refusal is a clear message, and the database is exactly as it was (same
 * tables, same sensors, same readings) with no job started.
 */
const BASE = Date.UTC(2026, 0, 1)
const YEAR_MS = 365 * DAY_MS

/** Everything a refused call must leave alone. */
async function snapshot(t: TestBackend) {
  const { rows: tables } = await t.sql.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1",
  )
  const names = tables.map((r) => r.name)
  const readings = names.includes('sensor_data')
    ? (
        await t.sql.query<{ n: number; md5: string | null }>(
          `SELECT count(*)::int AS n,
                  md5(string_agg(concat_ws(',', extract(epoch FROM time), sensor_id, temperature, cpu),
                                 ';' ORDER BY time, sensor_id)) AS md5
             FROM sensor_data`,
        )
      ).rows[0]
    : null
  const sensors = names.includes('sensors')
    ? (await t.sql.query('SELECT id, type, location FROM sensors ORDER BY id')).rows
    : null
  return {
    tables: names,
    readings,
    sensors,
    jobs: t.events.filter((e) => e.name !== 'connection/changed').length,
  }
}

/** Calls, expects a refusal with `code` and a message matching `message`, and no change at all. */
async function refused<N extends CallName>(
  t: TestBackend,
  name: N,
  request: CallRequest<N>,
  code: AppError['code'],
  message: RegExp,
) {
  const before = await snapshot(t)
  const error = await t.call(name, request).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, `${name} was accepted`).toBeInstanceOf(AppError)
  const appError = error as AppError
  expect(appError.code, appError.message).toBe(code)
  expect(appError.message).toMatch(message)
  expect(appError.message.length).toBeLessThanOrEqual(600)
  expect(await snapshot(t)).toEqual(before)
  return appError
}

describe.each(ENGINES)('bad input changes nothing (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<unknown>

  beforeAll(async () => {
    ;({ t, close } = await connectEngine(engine, 'badinput'))
    expect(await loadQuickStartDay(t, BASE)).toMatchObject({ outcome: 'succeeded' })
  })

  afterAll(async () => {
    await close?.()
  })

  describe('sample-data specs out of range', () => {
    const day = { from: BASE, to: BASE + DAY_MS, intervalMs: 60_000 }
    it.each([
      ['end before start', { ...day, to: BASE - 1 }, /to: To must be after From/],
      ['end equal to start', { ...day, to: BASE }, /to: To must be after From/],
      ['zero interval', { ...day, intervalMs: 0 }, /intervalMs: Interval must be positive/],
      [
        'negative interval',
        { ...day, intervalMs: -60_000 },
        /intervalMs: Interval must be positive/,
      ],
      ['fractional interval', { ...day, intervalMs: 1.5 }, /whole number of milliseconds/],
      ['NaN interval', { ...day, intervalMs: Number.NaN }, /intervalMs/],
      ['infinite end', { ...day, to: Number.POSITIVE_INFINITY }, /to/],
      ['before 1970', { ...day, from: -DAY_MS }, /from/],
      ['after 2200', { ...day, to: Date.UTC(2201, 0, 1) }, /Dates after 2200 are not supported/],
      [
        'more than a billion rows for one sensor',
        { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1), intervalMs: 1_000, sensorIds: [1] },
        /more than 1,000,000,000 rows/,
      ],
      [
        'more than a billion rows over the chosen sensors',
        { from: BASE, to: BASE + 8 * YEAR_MS, intervalMs: 1_000, sensorIds: [1, 2, 3, 4] },
        /more than 1,000,000,000 rows/,
      ],
      ['no sensors', { ...day, sensorIds: [] }, /sensorIds/],
      ['sensor id 0', { ...day, sensorIds: [0] }, /sensorIds/],
      ['an unknown key', { ...day, rows: 10 } as never, /Unrecognized key/],
    ])('%s: bad_request', async (_case, spec, message) => {
      await refused(t, 'ingest/start', spec, 'bad_request', message)
    })

    it('more than a billion rows once every sensor is counted: invalid_input, before anything runs', async () => {
      // 8 years every second is 252 million readings per sensor, over 1 billion for four.
      const error = await refused(
        t,
        'ingest/start',
        { from: BASE, to: BASE + 8 * YEAR_MS, intervalMs: 1_000 },
        'invalid_input',
        /^That is 1,009,152,004 rows, more than 1,000,000,000: choose a longer interval, a shorter range or fewer sensors\.$/,
      )
      expect(error.message).not.toMatch(/\d{10}/)
    })

    it('sensors that do not exist: invalid_input naming them', async () => {
      await refused(t, 'ingest/start', { ...day, sensorIds: [1, 99] }, 'invalid_input', /99/)
    })
  })

  describe('hostile sensor strings', () => {
    const HUGE = 'x'.repeat(1_000_000)
    it.each([
      ['a NUL character', { type: 'a\u0000b', location: 'floor' }, /Type cannot contain a NUL/],
      ['an empty type', { type: '', location: 'floor' }, /Type is required/],
      ['only white space', { type: 'a', location: ' \t\n ' }, /Location is required/],
      ['51 characters', { type: 'a', location: 'é'.repeat(51) }, /at most 50 characters/],
      ['51 emoji', { type: '🌡️'.repeat(26), location: 'x' }, /at most 50 characters/],
      ['a megabyte', { type: HUGE, location: 'x' }, /Type is too long/],
      ['a number', { type: 42, location: 'x' } as never, /type/],
      ['null', { type: null, location: 'x' } as never, /type/],
      ['an object', { type: { toString: 'x' }, location: 'x' } as never, /type/],
      ['an extra field', { type: 'a', location: 'x', id: 1 } as never, /Unrecognized key/],
    ])('sensors/add with %s: refused', async (_case, fields, message) => {
      const error = await refused(t, 'sensors/add', fields, 'bad_request', message)
      expect(error.message).not.toContain('xxxxxxxxxx')
    })

    it.each([
      ['a NUL character', { id: 1, type: 'a', location: '\u0000' }, /NUL/],
      ['too long', { id: 1, type: 'b'.repeat(51), location: 'x' }, /at most 50 characters/],
      ['id 0', { id: 0, type: 'a', location: 'x' }, /id/],
      ['a negative id', { id: -1, type: 'a', location: 'x' }, /id/],
      ['an id beyond int4', { id: 2 ** 31, type: 'a', location: 'x' }, /id/],
      ['a fractional id', { id: 1.5, type: 'a', location: 'x' }, /id/],
    ])('sensors/update with %s: refused', async (_case, fields, message) => {
      await refused(t, 'sensors/update', fields, 'bad_request', message)
    })

    it('sensors/update and sensors/delete of a sensor that does not exist: not_found', async () => {
      await refused(
        t,
        'sensors/update',
        { id: 999, type: 'a', location: 'x' },
        'not_found',
        /999|no longer exists/,
      )
      await refused(t, 'sensors/delete', { id: 999 }, 'not_found', /999|no longer exists/)
    })
  })

  describe('a refused load on an empty database', () => {
    it('creates neither the schema nor the sensors it would have needed (createMissing)', async () => {
      await t.sql.query('DROP TABLE sensor_data')
      await t.sql.query('DROP TABLE sensors')
      // Refused only once the four quick-start sensors are counted: 4 × 252 million readings.
      await refused(
        t,
        'ingest/start',
        { from: BASE, to: BASE + 8 * YEAR_MS, intervalMs: 1_000, createMissing: true },
        'invalid_input',
        /^That is 1,009,152,004 rows, more than 1,000,000,000/,
      )
      expect((await snapshot(t)).tables).toEqual([])
      // A sensible spec still does it all.
      const { jobId, prepared } = await t.call('ingest/start', {
        from: BASE,
        to: BASE + DAY_MS,
        intervalMs: 300_000,
        createMissing: true,
      })
      expect(prepared).toContain('added 4 quick-start sensors')
      expect(await jobDone(t, jobId)).toMatchObject({ outcome: 'succeeded' })
    })
  })

  describe('malformed connection strings through the contract', () => {
    it.each([
      'postgres://[::1',
      'postgres://[]',
      'postgresql://host?zzz',
      'postgresql://a%00b',
      'postgresql://%zz',
      'postgresql://host/db?u%7aer=someotheruser',
      'postgres://?host=/path/to/socket/dir',
      `postgresql://user:canary-in-url@@host/db`,
      'not a connection string',
    ])('%s: malformed_url, the current connection kept', async (url) => {
      const stateBefore = await t.call('connection/state', {})
      for (const call of ['connection/test', 'connection/open'] as const) {
        const error = await refused(t, call, { target: { kind: 'url', url } }, 'malformed_url', /./)
        expect(error.message).not.toContain('canary-in-url')
        expect(error.message).not.toContain(url)
      }
      expect(await t.call('connection/state', {})).toEqual(stateBefore)
    })
  })
})
