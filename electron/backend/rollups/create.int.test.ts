/**
 * "Speed up this chart" end to end through the handler map: a proposal, the
 * aggregate created WITH NO DATA with a refresh policy, its history filled as
 * a job window by window (progress, then done), the chart reading it with the
 * same numbers, cancel removing it, and Remove dropping it. Without
 * TimescaleDB the calls say plainly that rollups need it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChartSpecInput } from '../../../shared/domain/chart'
import type { JobProgress } from '../../../shared/domain/jobs'
import { rejection, type TestBackend } from '../test-support/backend'
import {
  connectEngine,
  ENGINES,
  hasTimescale,
  type ConnectedBackend,
} from '../test-support/engines'
import { NEEDS_TIMESCALE } from './propose'
import { jobDone } from '../test-support/jobs'

const spec: ChartSpecInput = {
  table: { schema: 'public', name: 'rsp' },
  time: { column: 'time' },
  measures: [
    { column: 'temperature', aggregate: 'avg' },
    { column: 'temperature', aggregate: 'max' },
  ],
  split: { column: 'sensor_id' },
}

describe.each(ENGINES)('speed up a chart with a rollup (%s)', (engine) => {
  let connected: ConnectedBackend
  let t: TestBackend
  beforeAll(async () => {
    connected = await connectEngine(engine, 'rollup_create')
    t = connected.t
    await t.sql.query('DROP TABLE IF EXISTS rsp CASCADE')
    await t.sql.query(
      'CREATE TABLE rsp (time timestamptz NOT NULL, sensor_id int, temperature float8)',
    )
    if (hasTimescale(engine)) await t.sql.query(`SELECT create_hypertable('rsp', 'time')`)
    await t.sql.query(`INSERT INTO rsp SELECT t, 1 + i % 2, (i % 29) * 0.5
                         FROM generate_series(timestamptz '2026-02-01', '2026-02-04', '5 min')
                              WITH ORDINALITY AS g(t, i)`)
    await t.sql.query('ANALYZE rsp')
  })
  afterAll(async () => {
    await connected?.close()
  })

  it.runIf(!hasTimescale(engine))('says rollups need TimescaleDB', async () => {
    const list = await t.call('rollups/list', { table: { schema: 'public', name: 'rsp' } })
    expect(list).toEqual({ timescaledb: false, rollups: [] })
    const refused = await rejection(t.call('rollups/propose', { spec, bucketSeconds: 3600 }))
    expect(refused.message).toBe(NEEDS_TIMESCALE)
  })

  it.runIf(hasTimescale(engine))(
    'proposes the coarsest tidy bucket that tiles the chart',
    async () => {
      const hourly = await t.call('rollups/propose', { spec, bucketSeconds: 6 * 3600 })
      expect(hourly).toMatchObject({
        view: { schema: 'public', name: 'rsp_1h' },
        bucketSeconds: 3600,
        groupColumns: ['sensor_id'],
        aggregates: [
          'sum(temperature)',
          'count(temperature)',
          'min(temperature)',
          'max(temperature)',
          'count(*)',
        ],
      })
      expect(hourly.sql[0]).toContain('WITH NO DATA')
      expect(hourly.sql[1]).toContain('add_continuous_aggregate_policy')
      const kolkata = await t.call('rollups/propose', {
        spec,
        bucketSeconds: 86_400,
        timeZone: 'Asia/Kolkata',
      })
      expect(kolkata.bucketSeconds).toBe(1800)
      // 10 minutes is no tidy step: the coarsest tidy one that divides it is 5 minutes.
      const tenMin = await t.call('rollups/propose', { spec, bucketSeconds: 600 })
      expect(tenMin.bucketSeconds).toBe(300)
    },
  )

  it.runIf(hasTimescale(engine))(
    'creates it, fills its history as a job, and the chart reads it with the same numbers',
    async () => {
      const { jobId, proposal } = await t.call('rollups/create', {
        spec,
        bucketSeconds: 3600,
        name: 'rsp_1h',
      })
      const done = await jobDone(t, jobId)
      expect(done.outcome).toBe('succeeded')
      const progress = t.events
        .filter((e) => e.name === 'job/progress' && (e.payload as JobProgress).jobId === jobId)
        .map((e) => e.payload as JobProgress)
      expect(progress.at(-1)).toMatchObject({ unit: 'windows', kind: 'rollup' })
      expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total)
      expect(progress.at(-1)?.total).toBeGreaterThan(1)
      expect(proposal.view.name).toBe('rsp_1h')

      const list = await t.call('rollups/list', { table: { schema: 'public', name: 'rsp' } })
      expect(list.rollups).toHaveLength(1)
      expect(list.rollups[0]).toMatchObject({
        bucketSeconds: 3600,
        watermarkMs: Date.UTC(2026, 1, 4, 1),
        policy: { endOffset: '01:00:00' },
      })

      const request = {
        spec,
        from: Date.UTC(2026, 1, 1, 0, 30),
        to: Date.UTC(2026, 1, 4, 0, 1),
        bucket: 3 * 3600,
        pixels: 1000,
      }
      const fast = await t.call('series/chart', request)
      const raw = await t.call('series/chart', { ...request, useRollups: false })
      expect(fast.rollup?.name).toBe('public.rsp_1h')
      expect(fast.rows).toBe(raw.rows)
      fast.series.forEach((s, i) => {
        const other = raw.series[i]?.values ?? new Float64Array()
        s.values.forEach((v, j) => {
          const r = other[j] ?? Number.NaN
          if (Number.isNaN(r)) expect(v).toBeNaN()
          else expect(Math.abs(v - r)).toBeLessThanOrEqual(1e-9 * Math.abs(r))
        })
      })

      await t.call('rollups/remove', { view: proposal.view })
      const after = await t.call('rollups/list', { table: { schema: 'public', name: 'rsp' } })
      expect(after.rollups).toEqual([])
      const again = await rejection(t.call('rollups/remove', { view: proposal.view }))
      expect(again.code).toBe('not_found')
    },
  )

  it.runIf(hasTimescale(engine))('a cancelled fill leaves no aggregate behind', async () => {
    const { jobId } = await t.call('rollups/create', { spec, bucketSeconds: 600, name: 'rsp_c' })
    await t.call('jobs/cancel', { jobId })
    const done = await jobDone(t, jobId)
    expect(done.outcome).toBe('cancelled')
    const list = await t.call('rollups/list', { table: { schema: 'public', name: 'rsp' } })
    expect(list.rollups.map((r) => r.view.name)).not.toContain('rsp_c')
  })
})
